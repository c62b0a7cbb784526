package io.rung.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest known word for a misspelt key or value ("did you mean 'address'?"). */
final class DidYouMean {
    private DidYouMean() {}

    /** The candidate nearest to {@code word} by edit distance, if it is near enough to be a plausible typo. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} or the empty string. */
    static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    /** Levenshtein distance, counting a swap of two neighbouring letters as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
