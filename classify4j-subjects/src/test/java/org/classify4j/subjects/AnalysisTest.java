package org.classify4j.subjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnalysisTest {

  @Test
  void theFirstLineIsRepeatedWhenTheTextHasSeveralLines() {
    assertThat(Analysis.withTitleWeighted("Title\nBody text", 3))
        .isEqualTo("Title\nTitle\nTitle\nBody text");
    assertThat(Analysis.withTitleWeighted("Title\nBody text", 1)).isEqualTo("Title\nBody text");
  }

  @Test
  void aTextOfOneLineOrWithABlankFirstLineIsLeftAsItIs() {
    assertThat(Analysis.withTitleWeighted("Only one line", 3)).isEqualTo("Only one line");
    assertThat(Analysis.withTitleWeighted("  \nBody", 3)).isEqualTo("  \nBody");
  }

  @Test
  void titleWordsCountAsOftenAsTheWeightSays() {
    assertThat(Analysis.of("english", 2).tokens("Cats\nThe dogs"))
        .containsExactly("cat", "cat", "dog");
    assertThat(Analysis.of("english").tokens("Cats\nThe dogs")).containsExactly("cat", "dog");
    assertThatThrownBy(() -> Analysis.of("english", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title_weight");
  }
}
