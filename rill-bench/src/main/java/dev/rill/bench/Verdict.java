package dev.rill.bench;

/**
 * Whether a side's output equals the expected output; a side with a failed verdict is reported, not timed.
 *
 * @param correct whether the output was verified equal to the expected output
 * @param detail  what was compared, or what differed (expected vs found)
 */
public record Verdict(boolean correct, String detail) {

    public static Verdict correct(String detail) {
        return new Verdict(true, detail);
    }

    public static Verdict wrong(String detail) {
        return new Verdict(false, detail);
    }
}
