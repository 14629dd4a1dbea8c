package io.hpkafka.internal.network;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SCRAM-SHA-256 against the worked example of RFC 7677 section 3 (user "user", password "pencil"). */
class ScramMechanismTest {

    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private static ScramMechanism rfcExample() {
        return new ScramMechanism("SCRAM-SHA-256", "HmacSHA256", "SHA-256", "user", "pencil", CLIENT_NONCE);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theClientMessagesAndServerSignatureMatchTheRfc7677TestVector() throws Exception {
        ScramMechanism scram = rfcExample();

        assertThat(new String(scram.initialResponse(), StandardCharsets.UTF_8))
                .isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(new String(scram.evaluate(bytes(SERVER_FIRST)), StandardCharsets.UTF_8))
                .isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        assertThat(scram.evaluate(bytes("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))).isNull();
    }

    @Test
    void aWrongServerSignatureFailsTheExchange() throws Exception {
        ScramMechanism scram = rfcExample();
        scram.initialResponse();
        scram.evaluate(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> scram.evaluate(bytes("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("server signature");
    }

    @Test
    void aServerNonceThatDoesNotExtendTheClientNonceIsRefused() {
        ScramMechanism scram = rfcExample();
        scram.initialResponse();

        assertThatThrownBy(() -> scram.evaluate(bytes("r=somebodyElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("nonce");
    }

    @Test
    void tooFewIterationsAreRefusedAsAForgedChallenge() {
        ScramMechanism scram = rfcExample();
        scram.initialResponse();

        assertThatThrownBy(() -> scram.evaluate(bytes("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1")))
                .isInstanceOf(AuthenticationFailed.class).hasMessageContaining("iteration");
    }

    @Test
    void aServerErrorNamesTheUserButNeverThePassword() throws Exception {
        ScramMechanism scram = rfcExample();
        scram.initialResponse();
        scram.evaluate(bytes(SERVER_FIRST));

        assertThatThrownBy(() -> scram.evaluate(bytes("e=invalid-proof")))
                .isInstanceOf(AuthenticationFailed.class)
                .hasMessageContaining("user").hasMessageContaining("invalid-proof")
                .hasMessageNotContaining("pencil");
    }

    @Test
    void plainSendsTheUserAndPasswordAfterNulBytesAndIsDoneAfterOneAnswer() {
        PlainMechanism plain = new PlainMechanism("alice", "alice-secret");

        assertThat(plain.initialResponse()).isEqualTo(bytes("\0alice\0alice-secret"));
        assertThat(plain.evaluate(new byte[0])).isNull();
        assertThat(plain.toString()).doesNotContain("alice-secret");
    }
}
