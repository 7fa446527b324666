package org.classify4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WordTokenizerTest {

  @Test
  void lowerCasesAndSplitsOnNonWordCharacters() {
    assertThat(WordTokenizer.words().words("Hello, WORLD!  It's 2024; e-mail me_now"))
        .containsExactly("hello", "world", "it", "2024", "mail", "me_now");
  }

  @Test
  void keepsUnicodeLettersDigitsAndMarks() {
    assertThat(WordTokenizer.words().words("Café déjà-vu Straße ١٢٣ naïve x³ Ⅻth"))
        .containsExactly("café", "déjà", "vu", "straße", "١٢٣", "naïve", "x³", "ⅻth");
    // a combining acute accent stays inside its word
    assertThat(WordTokenizer.words().words("cafe\u0301 ok")).containsExactly("cafe\u0301", "ok");
    // supplementary-plane letters (Gothic) count as one character each
    assertThat(new WordTokenizer(1, 2).words("\uD800\uDF30 \uD800\uDF30\uD800\uDF31"))
        .containsExactly("\uD800\uDF30\uD800\uDF31");
  }

  @Test
  void dropsShortWordsLikeScikitLearn() {
    assertThat(WordTokenizer.words().words("I want a card")).containsExactly("want", "card");
    assertThat(new WordTokenizer(1, 1).words("I want a card"))
        .containsExactly("i", "want", "a", "card");
  }

  @Test
  void addsNgramsAfterTheWords() {
    assertThat(WordTokenizer.ngrams(3).terms("my card was declined"))
        .containsExactly("my", "card", "was", "declined", "my card", "card was", "was declined",
            "my card was", "card was declined");
    assertThat(WordTokenizer.ngrams(2).terms("")).isEmpty();
    assertThat(WordTokenizer.ngrams(2).terms("single")).containsExactly("single");
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new WordTokenizer(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WordTokenizer(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
