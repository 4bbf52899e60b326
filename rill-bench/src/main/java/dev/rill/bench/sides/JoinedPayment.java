package dev.rill.bench.sides;

/** The value joiner of the stream–stream join sides: a payment and an authorisation joined into one JSON value. */
public final class JoinedPayment {

    private JoinedPayment() {
    }

    /** {@code {"payment":<payment>,"authorisation":<authorisation>}}; the harness computes its expected output with it. */
    public static String join(String payment, String authorisation) {
        return "{\"payment\":" + payment + ",\"authorisation\":" + authorisation + "}";
    }
}
