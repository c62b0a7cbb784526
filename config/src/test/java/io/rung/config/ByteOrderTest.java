package io.rung.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteOrderTest {
    @Test
    void namedOrdersExpandForSixtyFourBitValues() {
        assertThat(ByteOrder.CDAB.layout(8)).isEqualTo("GHEFCDAB");
        assertThat(ByteOrder.BADC.layout(8)).isEqualTo("BADCFEHG");
        assertThat(ByteOrder.DCBA.layout(2)).isEqualTo("BA");
        assertThat(ByteOrder.CDAB.layout(2)).isEqualTo("AB");
    }

    @Test
    void eightLetterOrderMustBePermutation() {
        assertThat(ByteOrder.isValid("CDABGHEF")).isTrue();
        assertThatThrownBy(() -> new ByteOrder("AABBCCDD")).isInstanceOf(IllegalArgumentException.class);
    }
}
