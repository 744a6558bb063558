package dev.portico.bench;

/** Just enough JSON for scenario set-up: the value of a top-level string field. */
final class Json {
    private Json() {
    }

    /** The string value of {@code "field": "…"} in {@code json}, or null when there is none. */
    static String string(String json, String field) {
        String key = "\"" + field + "\"";
        int at = 0;
        while ((at = json.indexOf(key, at)) >= 0) {
            int i = at + key.length();
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            if (i < json.length() && json.charAt(i) == ':') {
                i++;
                while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                    i++;
                }
                if (i >= json.length() || json.charAt(i) != '"') {
                    return null;
                }
                StringBuilder value = new StringBuilder();
                for (i++; i < json.length(); i++) {
                    char c = json.charAt(i);
                    if (c == '"') {
                        return value.toString();
                    }
                    if (c == '\\' && i + 1 < json.length()) {
                        char e = json.charAt(++i);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 't' -> value.append('\t');
                            case 'r' -> value.append('\r');
                            case 'b' -> value.append('\b');
                            case 'f' -> value.append('\f');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            default -> value.append(e);
                        }
                    } else {
                        value.append(c);
                    }
                }
                return null;
            }
            at = i;
        }
        return null;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
