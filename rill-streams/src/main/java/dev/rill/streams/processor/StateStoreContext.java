package dev.rill.streams.processor;

import java.io.File;
import java.util.Map;

/** What a task offers a state store while it opens: identity, its directory, and restore registration. */
public interface StateStoreContext {
    /** The application id. */
    String applicationId();

    /** The task that owns the store. */
    TaskId taskId();

    /** The task's directory under {@code state.dir}; persistent stores keep their files below it. */
    File stateDir();

    /** The application's configuration. */
    Map<String, Object> appConfigs();

    /**
     * Registers a store so that the task feeds it its changelog records (key and value bytes; a null value is a
     * deletion) before processing starts.
     */
    void register(StateStore store, StateRestoreCallback restoreCallback);
}
