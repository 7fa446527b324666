package org.classify4j.llm.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionCodesTest {
  @Test
  void lettersAndNumbersRoundTrip() {
    assertThat(OptionCodes.LETTERS.code(0)).isEqualTo("A");
    assertThat(OptionCodes.LETTERS.code(25)).isEqualTo("Z");
    assertThat(OptionCodes.LETTERS.code(26)).isEqualTo("AA");
    assertThat(OptionCodes.LETTERS.code(27)).isEqualTo("AB");
    assertThat(OptionCodes.NUMBERS.code(0)).isEqualTo("1");
    for (int i = 0; i < 800; i++) {
      assertThat(OptionCodes.LETTERS.index(OptionCodes.LETTERS.code(i))).hasValue(i);
      assertThat(OptionCodes.NUMBERS.index(OptionCodes.NUMBERS.code(i))).hasValue(i);
    }
    assertThat(OptionCodes.LETTERS.index("a")).isEmpty();
    assertThat(OptionCodes.LETTERS.index("The")).isEmpty();
    assertThat(OptionCodes.NUMBERS.index("0")).isEmpty();
    assertThat(OptionCodes.NUMBERS.index("01")).isEmpty();
  }

  @Test
  void codesAreStrippedOfPunctuation() {
    assertThat(LlmClassifierModel.stripCode(" (B).")).isEqualTo("B");
    assertThat(LlmClassifierModel.stripCode("**C**")).isEqualTo("C");
  }
}
