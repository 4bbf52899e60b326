package dev.rill.connect.internal.errors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs failures ({@code errors.log.enable}), with the record when {@code errors.log.include.messages}. */
public final class LogReporter implements ErrorReporter {
    private static final Logger log = LoggerFactory.getLogger(LogReporter.class);
    private final String taskId;
    private final boolean includeMessages;

    public LogReporter(String taskId, boolean includeMessages) {
        this.taskId = taskId;
        this.includeMessages = includeMessages;
    }

    @Override
    public Future<?> report(ErrorContext c) {
        StringBuilder sb = new StringBuilder("Error encountered in task ").append(taskId)
                .append(". Executing stage '").append(c.stage()).append("' with class '")
                .append(c.executingClass() == null ? "unknown" : c.executingClass().getName()).append('\'');
        if (c.consumerRecord() != null) {
            var r = c.consumerRecord();
            sb.append(", where consumed record is {topic='").append(r.topic()).append("', partition=")
                    .append(r.partition()).append(", offset=").append(r.offset());
            if (includeMessages) {
                sb.append(", timestamp=").append(r.timestamp()).append(", key=").append(describe(r.key()))
                        .append(", value=").append(describe(r.value()));
            }
            sb.append('}');
        } else if (c.connectRecord() != null && includeMessages) {
            sb.append(", where source record is ").append(c.connectRecord());
        }
        log.error(sb.append('.').toString(), c.error());
        return CompletableFuture.completedFuture(null);
    }

    private static String describe(byte[] bytes) {
        return bytes == null ? "null" : bytes.length + " bytes";
    }
}
