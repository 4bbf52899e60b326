package dev.rill.cli.tools;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.concurrent.ExecutionException;

/**
 * Waits for Kafka's answers and turns the failures a user can meet (no broker, unknown topic, bad config,
 * denied access) into {@link ToolException}s that say what to do.
 */
final class KafkaCalls {

    private KafkaCalls() {
    }

    /** The value of {@code future}, or a {@link ToolException} naming {@code what} was being done. */
    static <T> T await(KafkaFuture<T> future, ClientOptions options, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("cannot " + what + ": interrupted");
        } catch (ExecutionException e) {
            throw translate(e.getCause(), options, what);
        }
    }

    /** A {@link ToolException} for a failure of a Kafka call. */
    static RuntimeException translate(Throwable failure, ClientOptions options, String what) {
        String advice;
        if (failure instanceof TimeoutException) {
            return unreachable(options, what);
        } else if (failure instanceof UnknownTopicOrPartitionException) {
            advice = "expected an existing topic; 'rill topics list' lists them";
        } else if (failure instanceof TopicExistsException) {
            advice = "pass --if-not-exists to accept an existing topic";
        } else if (failure instanceof GroupIdNotFoundException) {
            advice = "expected an existing consumer group; 'rill groups list' lists them";
        } else if (failure instanceof InvalidConfigurationException || failure instanceof InvalidTopicException
                || failure instanceof InvalidPartitionsException || failure instanceof InvalidReplicationFactorException
                || failure instanceof PolicyViolationException) {
            advice = "the broker rejected the request; correct the value and try again";
        } else if (failure instanceof AuthenticationException || failure instanceof SaslAuthenticationException) {
            advice = "check the security settings in --command-config";
        } else if (failure instanceof AuthorizationException) {
            advice = "the principal of --command-config lacks an ACL for this; ask the cluster's admin";
        } else {
            advice = "see the broker's log for details";
        }
        return new ToolException("cannot " + what + ": " + rootMessage(failure) + " (" + advice + ")", failure);
    }

    /** The message for a broker that did not answer in time. */
    static ToolException unreachable(ClientOptions options, String what) {
        return new ToolException("no answer from Kafka at " + options.bootstrapServer() + " within "
                + options.timeout().toSeconds() + " s (trying to " + what + "): expected a running broker there. "
                + "Start one with './rill kafka', or pass --bootstrap-server HOST:PORT "
                + "(and --command-config FILE for security settings)");
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
