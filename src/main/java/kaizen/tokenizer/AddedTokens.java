package kaizen.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The added tokens (special tokens and the like), found in raw text before anything else:
 * leftmost match first, and of the matches starting there the longest, as the reference's
 * Aho-Corasick search with LeftmostLongest does. Text between them is encoded on its own.
 */
final class AddedTokens {
    /** One added token found in text, at chars [start, end). */
    record Match(int start, int end, int id) {}

    private final Node root = new Node();
    private final boolean[] firstChar = new boolean[0x10000];
    private final Map<Integer, String> contentById = new HashMap<>();

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        int id = -1;
    }

    AddedTokens(List<AddedToken> tokens) {
        for (AddedToken t : tokens) {
            contentById.put(t.id(), t.content());
            if (t.content().isEmpty()) continue;
            Node n = root;
            for (int i = 0; i < t.content().length(); i++) {
                n = n.next.computeIfAbsent(t.content().charAt(i), k -> new Node());
            }
            n.id = t.id();
            firstChar[t.content().charAt(0)] = true;
        }
    }

    /** The next added token at or after {@code from}, or null. */
    Match find(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!firstChar[s.charAt(i)]) continue;
            Node n = root;
            int bestEnd = -1, bestId = -1;
            for (int j = i; j < s.length(); j++) {
                n = n.next.get(s.charAt(j));
                if (n == null) break;
                if (n.id >= 0) {
                    bestEnd = j + 1;
                    bestId = n.id;
                }
            }
            if (bestId >= 0) return new Match(i, bestEnd, bestId);
        }
        return null;
    }

    /** The content of an added token, or null when {@code id} is none. */
    String content(int id) {
        return contentById.get(id);
    }

    boolean isEmpty() {
        return contentById.isEmpty();
    }
}
