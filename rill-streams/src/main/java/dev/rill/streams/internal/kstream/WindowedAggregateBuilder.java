package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.KTable;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/** Adds a windowed aggregation's store and processor after the (maybe repartitioned) grouped stream. */
final class WindowedAggregateBuilder {
    private WindowedAggregateBuilder() {
    }

    static <K, V, VA> KTable<Windowed<K>, VA> build(KGroupedStreamImpl<K, V> grouped, String processorName,
                                                    MaterializedInternal<K, VA, ?> m, StoreBuilder<?> store,
                                                    ProcessorSupplier<K, V, Windowed<K>, Change<VA>> processor,
                                                    WindowSpec spec, Serde<VA> valueSerde) {
        KStreamImpl<K, V> input = grouped.input(m.storeName());
        InternalStreamsBuilder builder = grouped.builder();
        builder.addStatefulProcessor(processorName, processor, store, List.of(m.storeName()), input.nodeName());
        Serde<Windowed<K>> windowedSerde = spec instanceof WindowSpec.SessionSpec
                ? WindowedKeySerde.sessionWindowed(m.keySerde() != null ? m.keySerde() : grouped.keySerde())
                : WindowedKeySerde.timeWindowed(m.keySerde() != null ? m.keySerde() : grouped.keySerde(),
                spec.storeWindowSize());
        return KTableImpl.windowed(builder, processorName, m.storeName(), windowedSerde, valueSerde,
                spec.gracePeriodMs());
    }
}
