package dev.episodes.redaction;

import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Secrets take no time in the output. A {@code [PASSWORD]} step already ends when it begins; the step
 * after it would still show how long the secret took to type (0.64 s after 4 characters, 4.09 s after
 * 27). So within an episode the step after each {@code [PASSWORD]} starts at the same microsecond as
 * it, and every later step moves back by the same amount: the gaps between all other steps stay as
 * they were, and no difference of times across a secret says anything about it.
 */
public final class SecretTiming {
    private SecretTiming() {}

    /** The episode's steps, in order, with each secret's interval collapsed to nothing. */
    public static List<Step> collapse(List<Step> steps) {
        List<Step> out = null;
        long delta = 0; // how much the current step moves back
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i > 0 && isSecret(steps.get(i - 1))) {
                long secretStart = steps.get(i - 1).tsUs() - delta; // where the secret ended up
                delta = Math.max(delta, s.tsUs() - secretStart);
            }
            if (delta != 0 && out == null) {
                out = new ArrayList<>(steps.subList(0, i));
            }
            if (out != null) {
                out.add(delta == 0 ? s : s.shiftedBack(delta));
            }
        }
        return out == null ? steps : List.copyOf(out);
    }

    static boolean isSecret(Step s) {
        return s.action() == Action.TYPE && Placeholder.PASSWORD.token().equals(s.text());
    }
}
