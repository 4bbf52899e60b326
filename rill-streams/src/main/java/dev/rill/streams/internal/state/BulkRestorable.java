package dev.rill.streams.internal.state;

import java.util.List;

/** A byte store that can apply a batch of changelog records at once (null value = delete), bypassing any WAL. */
public interface BulkRestorable {
    void restoreBatch(List<byte[][]> records);
}
