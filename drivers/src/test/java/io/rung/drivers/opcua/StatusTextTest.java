package io.rung.drivers.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.junit.jupiter.api.Test;

/** Status codes in words, with the symbolic name kept for manuals. */
class StatusTextTest {
    @Test
    void knownCodesHavePhrases() {
        assertThat(StatusText.aboutNode("ns=2;s=Tank1.Level", new StatusCode(StatusCodes.Bad_NotWritable)))
                .isEqualTo("node ns=2;s=Tank1.Level is not writable (Bad_NotWritable)");
    }

    @Test
    void otherCodesAreSpelledOut() {
        assertThat(StatusText.phrase(new StatusCode(StatusCodes.Bad_SessionIdInvalid)))
                .isEqualTo("reports bad session id invalid (Bad_SessionIdInvalid)");
    }

    @Test
    void unknownCodesShowTheirHexValue() {
        assertThat(StatusText.name(new StatusCode(0x80FE0000L))).isEqualTo("0x80FE0000");
    }
}
