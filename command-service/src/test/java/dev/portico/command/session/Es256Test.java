package dev.portico.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.Test;

/** Our ES256 must be interchangeable with the JDK's: tokens are checked by other services with any library. */
class Es256Test {
    private final ECKey key = generate();

    @Test
    void theJdkVerifiesWhatWeSign() throws Exception {
        JWSObject jws = sign(key, "{\"sub\":\"a\"}");

        assertThat(jws.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void weVerifyWhatTheJdkSigns() throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"sub\":\"b\"}"));
        jws.sign(new ECDSASigner(key));

        assertThat(JWSObject.parse(jws.serialize()).verify(Es256.verifier(key))).isTrue();
    }

    @Test
    void refusesAnotherKeysSignature() throws Exception {
        JWSObject jws = sign(generate(), "{\"sub\":\"c\"}");

        assertThat(JWSObject.parse(jws.serialize()).verify(Es256.verifier(key))).isFalse();
    }

    @Test
    void refusesAChangedPayload() throws Exception {
        String[] parts = sign(key, "{\"sub\":\"d\"}").serialize().split("\\.");
        String forged = parts[0] + "." + new Payload("{\"sub\":\"e\"}").toBase64URL() + "." + parts[2];

        assertThat(JWSObject.parse(forged).verify(Es256.verifier(key))).isFalse();
    }

    @Test
    void refusesSignaturesOfTheWrongShape() throws Exception {
        String[] parts = sign(key, "{\"sub\":\"f\"}").serialize().split("\\.");

        assertThat(JWSObject.parse(parts[0] + "." + parts[1] + ".AAAA").verify(Es256.verifier(key))).isFalse();
        String zeros = com.nimbusds.jose.util.Base64URL.encode(new byte[64]).toString();
        assertThat(JWSObject.parse(parts[0] + "." + parts[1] + "." + zeros).verify(Es256.verifier(key))).isFalse();
    }

    @Test
    void signsDeterministically() throws Exception {
        assertThat(sign(key, "{\"sub\":\"g\"}").serialize()).isEqualTo(sign(key, "{\"sub\":\"g\"}").serialize());
    }

    private static JWSObject sign(ECKey key, String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(payload));
        jws.sign(Es256.signer(key));
        return jws;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
