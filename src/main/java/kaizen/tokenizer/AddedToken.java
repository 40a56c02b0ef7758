package kaizen.tokenizer;

/** One entry of tokenizer.json's added_tokens, as far as Kaizen's encoding depends on it. */
record AddedToken(int id, String content, boolean special) {}
