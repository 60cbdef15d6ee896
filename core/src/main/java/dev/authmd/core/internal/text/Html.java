package dev.authmd.core.internal.text;

import org.jspecify.annotations.Nullable;

/** HTML escaping for text and attribute values. Internal. */
public final class Html {

    private Html() {}

    /**
     * Escapes text for an HTML element body or a double-quoted attribute value.
     *
     * @param text any text, may be null (rendered as empty)
     * @return the escaped text; {@code & < > " '} and control characters never survive
     */
    public static String escape(@Nullable String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
