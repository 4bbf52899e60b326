package dev.rill.streams.internal.kstream;

import dev.rill.streams.kstream.JoinWindows;

/** Read access to what a {@link JoinWindows} keeps for the join itself. */
final class JoinWindowsInternal extends JoinWindows {
    JoinWindowsInternal(JoinWindows windows) {
        super(windows);
    }

    /** Whether left/outer results for unmatched records wait until the window closes (false: the deprecated of()). */
    boolean spuriousResultFixEnabled() {
        return enableSpuriousResultFix;
    }
}
