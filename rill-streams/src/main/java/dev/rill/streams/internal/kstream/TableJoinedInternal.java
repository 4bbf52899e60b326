package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.TableJoined;
import dev.rill.streams.processor.StreamPartitioner;

/** Read access to a {@link TableJoined}. */
final class TableJoinedInternal<K, KO> extends TableJoined<K, KO> {
    TableJoinedInternal(TableJoined<K, KO> tableJoined) {
        super(tableJoined);
    }

    StreamPartitioner<K, Void> partitioner() {
        return partitioner;
    }

    StreamPartitioner<KO, Void> otherPartitioner() {
        return otherPartitioner;
    }

    String name() {
        return name;
    }
}
