package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pipeline's set of used member names behaves as a set, on either side of its array limit. */
class MemberNamesTest {
  @ParameterizedTest(name = "{0} distinct names")
  @ValueSource(ints = {0, 1, 8, 9, MemberNames.ARRAY_MAX - 1, MemberNames.ARRAY_MAX, MemberNames.ARRAY_MAX + 1, 100})
  void holdsWhatAHashSetHoldsWhenNamesAreAddedTwice(int distinct) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      names.add("member" + i);
    }
    MemberNames set = new MemberNames(names.subList(0, distinct / 2));
    Set<String> expected = new HashSet<>(names.subList(0, distinct / 2));
    for (String name : names) {
      assertThat(set.add(name)).as("first add of %s", name).isEqualTo(expected.add(name));
      assertThat(set.add(name)).as("second add of %s", name).isFalse();
    }
    assertThat(set).hasSize(distinct).containsExactlyInAnyOrderElementsOf(expected);
    for (String name : names) {
      assertThat(set.contains(name)).isTrue();
    }
    assertThat(set.contains("member" + distinct)).isFalse();
    assertThat(set.contains(42)).isFalse();
    assertThat(set.contains(null)).isFalse();
  }

  @Test
  void theInitialNamesAreHeldOnce() {
    assertThat(new MemberNames(List.of("code", "message", "code"))).containsExactly("code", "message");
  }

  @ParameterizedTest(name = "{0} names")
  @ValueSource(ints = {3, MemberNames.ARRAY_MAX + 3})
  void itsIteratorCannotRemove(int count) {
    MemberNames set = new MemberNames(List.of());
    for (int i = 0; i < count; i++) {
      set.add("m" + i);
    }
    Iterator<String> it = set.iterator();
    it.next();
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(set).hasSize(count);
  }

  @Test
  void refusesANullName() {
    MemberNames set = new MemberNames(List.of());
    assertThatThrownBy(() -> set.add(null)).isInstanceOf(NullPointerException.class);
  }
}
