package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.Branched;
import dev.rill.streams.kstream.BranchedKStream;
import dev.rill.streams.kstream.KStream;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a split: the branch node is added at once; each branch adds a pass-through child named
 * {@code <split name><branch name or position>}, and the node's processor reads the final branch list when tasks
 * are created.
 */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private final InternalStreamsBuilder builder;
    private final KStreamImpl<K, V> source;
    private final String splitName;
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> children = new ArrayList<>();
    private final Map<String, KStream<K, V>> result = new LinkedHashMap<>();
    private String defaultChild;
    private boolean finished;

    BranchedKStreamImpl(InternalStreamsBuilder builder, KStreamImpl<K, V> source, String splitName) {
        this.builder = builder;
        this.source = source;
        this.splitName = splitName;
        List<Predicate<? super K, ? super V>> ps = predicates;
        List<String> cs = children;
        builder.addProcessor(splitName, (ProcessorSupplier<K, V, K, V>) () ->
                new BranchProcessor<K, V>(List.copyOf(ps), List.copyOf(cs), defaultChild), source.nodeName());
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, Branched.withFunction(s -> s));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        checkOpen();
        Objects.requireNonNull(predicate, "predicate");
        String child = addChild(new BranchedInternal<>(branched), String.valueOf(predicates.size() + 1));
        predicates.add(predicate);
        children.add(child);
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(Branched.withFunction(s -> s));
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        checkOpen();
        defaultChild = addChild(new BranchedInternal<>(branched), "0");
        finished = true;
        return result;
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        checkOpen();
        finished = true;
        return result;
    }

    private String addChild(BranchedInternal<K, V> branched, String position) {
        builder.newName("KSTREAM-BRANCH-"); // keeps generated names aligned with Kafka Streams'
        String childName = splitName + (branched.name() != null ? branched.name() : position);
        builder.addProcessor(childName, (ProcessorSupplier<K, V, K, V>) PassThroughProcessor::new, splitName);
        KStreamImpl<K, V> branch = source.sameSerdes(childName);
        if (branched.function() != null) {
            KStream<K, V> out = branched.function().apply(branch);
            if (out != null) {
                result.put(childName, out);
            }
        } else if (branched.consumer() != null) {
            branched.consumer().accept(branch);
        } else {
            result.put(childName, branch);
        }
        return childName;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("split " + splitName + " was already ended with defaultBranch() or "
                    + "noDefaultBranch(); start a new split() to add branches.");
        }
    }
}
