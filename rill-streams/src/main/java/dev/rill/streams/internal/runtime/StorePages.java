package dev.rill.streams.internal.runtime;

import static dev.rill.streams.internal.runtime.QueryServer.error;
import static dev.rill.streams.internal.runtime.QueryServer.json;

import dev.rill.streams.KeyValue;
import dev.rill.streams.internal.runtime.QueryServer.Answer;
import dev.rill.streams.internal.state.SerdeAware;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.HostInfo;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.ReadOnlyKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;

/**
 * Pages through the keys a store holds in this instance's running tasks, for {@code /stores/{store}/all} and
 * {@code /range}. Keys come in the store's byte order (for String keys: by their UTF-8 bytes), the order of its
 * {@code range()}; a page takes the first {@code limit} keys at or after {@code from} over all local partitions and
 * names the key that starts the next page. Partitions other instances run are not read here: the answer lists those
 * instances ({@code other_hosts}) so a client can ask each of them.
 */
final class StorePages {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final StreamsRuntime runtime;
    private final HostInfo self;

    StorePages(StreamsRuntime runtime, HostInfo self) {
        this.runtime = runtime;
        this.self = self;
    }

    private record Entry(byte[] keyBytes, Object key, Object value) {
    }

    Answer page(String store, String rawFrom, String rawTo, String rawLimit, boolean range) {
        String route = range ? "range" : "all";
        if (runtime.subtopologyOfStore(store) < 0) {
            return new Answer(404, error(404, "No state store named '" + store + "'; the stores are "
                    + runtime.factory().topology().stores().keySet() + " (GET /stores)"));
        }
        int limit;
        try {
            limit = rawLimit == null || rawLimit.isEmpty() ? DEFAULT_LIMIT : Integer.parseInt(rawLimit.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return new Answer(400, error(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", but was '"
                    + rawLimit + "'; leave it out for " + DEFAULT_LIMIT));
        }
        List<StateStore> local = runtime.localStores(store);
        if (local.stream().anyMatch(s -> !(s instanceof ReadOnlyKeyValueStore<?, ?>))) {
            return new Answer(400, error(400, "Store " + store + " is a window or session store, which is not paged;"
                    + " ask GET /stores/" + store + "/keys/{key}/windows?from=&to= for the windows of a key"));
        }
        Serde<Object> keySerde = keySerde(local);
        String topic = runtime.config().applicationId() + "-" + store + "-changelog";
        Object from;
        Object to;
        try {
            from = parseBound(rawFrom, keySerde);
        } catch (RuntimeException e) {
            return new Answer(400, error(400, "from='" + rawFrom + "' is not a valid key for store " + store + ": "
                    + e.getMessage()));
        }
        try {
            to = parseBound(rawTo, keySerde);
        } catch (RuntimeException e) {
            return new Answer(400, error(400, "to='" + rawTo + "' is not a valid key for store " + store + ": "
                    + e.getMessage()));
        }
        if (from != null && to != null && Arrays.compareUnsigned(keySerde.serializer().serialize(topic, from),
                keySerde.serializer().serialize(topic, to)) > 0) {
            return new Answer(400, error(400, "from='" + rawFrom + "' comes after to='" + rawTo + "' in the store's"
                    + " key order, so the range is empty; swap them"));
        }
        List<Entry> entries = new ArrayList<>();
        for (StateStore s : local) {
            collect(s, from, to, limit + 1, keySerde, topic, entries);
        }
        entries.sort(Comparator.comparing(Entry::keyBytes, Arrays::compareUnsigned));
        Entry next = entries.size() > limit ? entries.get(limit) : null;
        List<Entry> page = entries.subList(0, Math.min(limit, entries.size()));
        return new Answer(200, render(store, route, rawFrom, rawTo, limit, page, next, local.isEmpty()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void collect(StateStore store, Object from, Object to, int max, Serde<Object> keySerde,
                                String topic, List<Entry> into) {
        ReadOnlyKeyValueStore kv = (ReadOnlyKeyValueStore) store;
        try (KeyValueIterator<Object, Object> it = from == null && to == null ? kv.all() : kv.range(from, to)) {
            for (int n = 0; n < max && it.hasNext(); n++) {
                KeyValue<Object, Object> e = it.next();
                into.add(new Entry(keySerde.serializer().serialize(topic, e.key), e.key, e.value));
            }
        }
    }

    private static Object parseBound(String raw, Serde<Object> keySerde) {
        return raw == null || raw.isEmpty() ? null : QueryServer.parseKey(raw, keySerde);
    }

    @SuppressWarnings("unchecked")
    private Serde<Object> keySerde(List<StateStore> local) {
        return local.isEmpty() || !(local.get(0) instanceof SerdeAware m)
                ? (Serde<Object>) runtime.config().defaultKeySerde() : (Serde<Object>) m.keySerde();
    }

    private String render(String store, String route, String rawFrom, String rawTo, int limit, List<Entry> page,
                          Entry next, boolean noLocalPartitions) {
        StringBuilder sb = new StringBuilder("{\"store\":").append(json(store))
                .append(",\"host\":").append(json(self.toString()))
                .append(",\"partitions\":").append(partitions(store).get(self.toString()))
                .append(",\"other_hosts\":").append(otherHosts(store))
                .append(",\"from\":").append(json(emptyToNull(rawFrom)));
        if (route.equals("range")) {
            sb.append(",\"to\":").append(json(emptyToNull(rawTo)));
        }
        sb.append(",\"limit\":").append(limit).append(",\"count\":").append(page.size()).append(",\"records\":[");
        String separator = "";
        for (Entry e : page) {
            sb.append(separator).append("{\"key\":").append(json(e.key));
            if (e.value instanceof ValueAndTimestamp<?> vt) {
                sb.append(",\"value\":").append(json(vt.value())).append(",\"timestamp\":").append(vt.timestamp());
            } else {
                sb.append(",\"value\":").append(json(e.value));
            }
            sb.append('}');
            separator = ",";
        }
        sb.append("],\"next_from\":").append(next == null ? "null" : json(next.key.toString()));
        if (noLocalPartitions) {
            sb.append(",\"note\":").append(json("This instance runs no partition of " + store + " right now; ask"
                    + " the other hosts, or retry after the rebalance."));
        }
        return sb.append('}').toString();
    }

    private static String emptyToNull(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }

    /** Partitions of the store's sub-topology by host, from the latest assignment. */
    private Map<String, Set<Integer>> partitions(String store) {
        int sub = runtime.subtopologyOfStore(store);
        Map<String, Set<Integer>> byHost = new java.util.TreeMap<>();
        byHost.put(self.toString(), new TreeSet<>());
        for (Map.Entry<String, Set<TaskId>> host : runtime.hostTasks().entrySet()) {
            for (TaskId task : host.getValue()) {
                if (task.subtopology() == sub) {
                    byHost.computeIfAbsent(host.getKey(), h -> new TreeSet<>()).add(task.partition());
                }
            }
        }
        return byHost;
    }

    private String otherHosts(String store) {
        List<String> others = new ArrayList<>();
        partitions(store).forEach((host, parts) -> {
            if (!host.equals(self.toString()) && !parts.isEmpty()) {
                others.add(json(host));
            }
        });
        return others.toString().replace(", ", ",");
    }

    /** One entry of {@code GET /stores}: the store, and the partitions each instance holds. */
    static String describeStore(StreamsRuntime runtime, HostInfo self, String store) {
        StringBuilder sb = new StringBuilder("{\"name\":").append(json(store)).append(",\"hosts\":{");
        String separator = "";
        for (Map.Entry<String, Set<Integer>> e : new StorePages(runtime, self).partitions(store).entrySet()) {
            sb.append(separator).append(json(e.getKey())).append(':').append(e.getValue().toString().replace(" ", ""));
            separator = ",";
        }
        String encoded = java.net.URLEncoder.encode(store, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return sb.append("},\"all\":").append(json("/stores/" + encoded + "/all")).append('}').toString();
    }
}
