package dev.rill.streams.internal.runtime;

import dev.rill.streams.StreamsMetadata;
import dev.rill.streams.state.HostInfo;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** An instance of the application as the latest assignment describes it. */
record StreamsMetadataImpl(HostInfo hostInfo, Set<String> stateStoreNames, Set<TopicPartition> topicPartitions,
                           Set<TopicPartition> standbyTopicPartitions, Set<String> standbyStateStoreNames)
        implements StreamsMetadata {
    StreamsMetadataImpl {
        stateStoreNames = Set.copyOf(stateStoreNames);
        topicPartitions = Set.copyOf(topicPartitions);
        standbyTopicPartitions = Set.copyOf(standbyTopicPartitions);
        standbyStateStoreNames = Set.copyOf(standbyStateStoreNames);
    }

    @Override
    public String host() {
        return hostInfo.host();
    }

    @Override
    public int port() {
        return hostInfo.port();
    }
}
