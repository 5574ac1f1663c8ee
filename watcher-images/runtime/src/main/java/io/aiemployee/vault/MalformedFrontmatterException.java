package io.aiemployee.vault;

/** A vault file whose frontmatter cannot be used; the message is the reason shown to the user. */
public class MalformedFrontmatterException extends RuntimeException {
    public MalformedFrontmatterException(String reason) {
        super(reason);
    }
}
