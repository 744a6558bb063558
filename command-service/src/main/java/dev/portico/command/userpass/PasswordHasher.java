package dev.portico.command.userpass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=7168,t=5,p=1$<salt>$<hash>}),
 * with a 16-byte random salt and a 32-byte hash, as Keycloak stores them. A hash names its own cost, so a
 * changed cost applies to new hashes while old ones still verify ({@link #isCurrent} tells the caller to
 * re-hash at the next successful login).
 *
 * <p>Each hash takes tens of milliseconds of CPU and holds its memory cost while it runs, so at most
 * {@code max-concurrent} run at once; a burst of logins queues here instead of exhausting the heap. Callers
 * hash outside database transactions, so that no connection waits on the CPU.
 *
 * <p>The memory of finished hashes (cleared by the generator) is kept in one pool and taken by the next: a
 * fresh generator would allocate its 7 MiB again for every login, and that garbage, copied by each young
 * collection that catches a hash half-way, cost a third of a core at 40 logins a second (decision 0013).
 */
@Component
public class PasswordHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final int memoryKib;
    private final int parallelism;
    private final Semaphore running;
    private final Argon2BytesGenerator.BlockPool blocks;
    /** What an unknown account's login is checked against, so that it costs what a known one costs. */
    private final String decoy;

    public PasswordHasher(PasswordProperties properties) {
        PasswordProperties.Argon2 argon2 = properties.argon2();
        iterations = argon2.iterations();
        memoryKib = argon2.memoryKib();
        parallelism = argon2.parallelism();
        running = new Semaphore(argon2.maxConcurrent(), true);
        blocks = new Argon2BytesGenerator.FixedBlockPool(
                argon2.maxConcurrent() * Argon2BytesGenerator.getBlockCount(memoryKib, parallelism));
        // Random bytes in place of a hash: no password leads to them, and no hash is computed while starting.
        decoy = encode(randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
    }

    public String hash(String password) {
        byte[] salt = randomBytes(SALT_BYTES);
        return encode(salt, argon2(password, salt, iterations, memoryKib, parallelism, HASH_BYTES));
    }

    private String encode(byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Whether {@code password} is the one {@code encoded} was made from; the comparison takes constant time. */
    public boolean verify(String password, String encoded) {
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            throw new IllegalStateException("a stored password hash is not an Argon2id PHC string");
        }
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = argon2(password, B64_DECODER.decode(phc.group(4)), Integer.parseInt(phc.group(2)),
                Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Costs what {@link #verify} costs and is always false: for logins to accounts that do not exist. */
    public boolean verifyDecoy(String password) {
        verify(password, decoy);
        return false;
    }

    /** Whether {@code encoded} was made with the cost configured now. */
    public boolean isCurrent(String encoded) {
        Matcher phc = PHC.matcher(encoded);
        return phc.matches() && Integer.parseInt(phc.group(1)) == memoryKib
                && Integer.parseInt(phc.group(2)) == iterations && Integer.parseInt(phc.group(3)) == parallelism;
    }

    private byte[] argon2(String password, byte[] salt, int t, int m, int p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(t).withMemoryAsKB(m).withParallelism(p).withSalt(salt)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }
}
