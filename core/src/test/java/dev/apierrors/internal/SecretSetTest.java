package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The small set of a call's credential values: a set in every way a caller can tell. */
class SecretSetTest {

  /** Sizes around the scan's end ({@link SecretSet#ARRAY_MAX}) and far past it. */
  @ParameterizedTest(name = "{0} values")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 15, 16, 17, 18, 40, 5_000})
  void behavesAsALinkedHashSetOfTheSameAdds(int distinct) {
    SecretSet set = SecretSet.create();
    Set<String> expected = new LinkedHashSet<>();
    for (int i = 0; i < distinct; i++) {
      String value = "secret-" + i;
      assertThat(set.add(value)).isEqualTo(expected.add(value));
      // A value added again (a token in the header and in the URL) is not added twice.
      String again = "secret-" + (i / 2);
      assertThat(set.add(new String(again))).isEqualTo(expected.add(again));
    }

    assertThat(set).hasSize(expected.size()).containsExactlyElementsOf(expected);
    assertThat(set.contains("secret-" + distinct)).isFalse();
    if (distinct > 0) {
      assertThat(set.contains(new String("secret-" + (distinct - 1)))).isTrue();
    }
    Set<String> immutable = set.toImmutable();
    assertThat(immutable).isEqualTo(expected);
    assertThatThrownBy(() -> immutable.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(new ArrayList<>(set)).isEqualTo(new ArrayList<>(expected));
  }

  @Test
  void itsIteratorEndsAndCannotRemove() {
    SecretSet set = SecretSet.create();
    set.add("a-token");
    Iterator<String> it = set.iterator();
    assertThat(it.next()).isEqualTo("a-token");
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void addAllAndContainsAllWorkAsOnAnySet() {
    SecretSet set = SecretSet.create();
    assertThat(set.addAll(List.of("b", "a", "b"))).isTrue();
    assertThat(set.addAll(List.of("a"))).isFalse();
    assertThat(set).containsExactly("b", "a");
    assertThat(set.containsAll(List.of("a", "b"))).isTrue();
    assertThat(set).isEqualTo(Set.of("a", "b")).hasSameHashCodeAs(Set.of("a", "b"));
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> SecretSet.create().add(null)).isInstanceOf(NullPointerException.class);
    assertThat(SecretSet.create().contains(null)).isFalse();
  }
}
