package dev.portico.command.userpass;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random ids in the 24-hex shape of an ObjectId, which is what SDKs expect of a {@code tokenId}. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
