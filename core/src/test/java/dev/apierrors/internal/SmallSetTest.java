package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The small set of the used member names and of a call's credential values: a set in every
 * way a caller can tell, on either side of its array limit.
 */
class SmallSetTest {

  /** Sizes around the scan's end ({@link SmallSet#ARRAY_MAX}) and far past it. */
  @ParameterizedTest(name = "{0} values")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 15, 16, 17, 18, 40, 5_000})
  void behavesAsALinkedHashSetOfTheSameAdds(int distinct) {
    SmallSet set = SmallSet.create();
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
    SmallSet set = SmallSet.create();
    set.add("a-token");
    Iterator<String> it = set.iterator();
    assertThat(it.next()).isEqualTo("a-token");
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void addAllAndContainsAllWorkAsOnAnySet() {
    SmallSet set = SmallSet.create();
    assertThat(set.addAll(List.of("b", "a", "b"))).isTrue();
    assertThat(set.addAll(List.of("a"))).isFalse();
    assertThat(set).containsExactly("b", "a");
    assertThat(set.containsAll(List.of("a", "b"))).isTrue();
    assertThat(set).isEqualTo(Set.of("a", "b")).hasSameHashCodeAs(Set.of("a", "b"));
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> SmallSet.create().add(null)).isInstanceOf(NullPointerException.class);
    assertThat(SmallSet.create().contains(null)).isFalse();
  }

  @ParameterizedTest(name = "{0} distinct names")
  @ValueSource(ints = {0, 1, 8, 9, SmallSet.ARRAY_MAX - 1, SmallSet.ARRAY_MAX, SmallSet.ARRAY_MAX + 1, 100})
  void holdsWhatAHashSetHoldsWhenNamesAreAddedTwice(int distinct) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      names.add("member" + i);
    }
    SmallSet set = SmallSet.of(names.subList(0, distinct / 2));
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
    assertThat(SmallSet.of(List.of("code", "message", "code"))).containsExactly("code", "message");
  }

  @ParameterizedTest(name = "{0} names")
  @ValueSource(ints = {3, SmallSet.ARRAY_MAX + 3})
  void itsIteratorCannotRemove(int count) {
    SmallSet set = SmallSet.of(List.of());
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
    SmallSet set = SmallSet.of(List.of());
    assertThatThrownBy(() -> set.add(null)).isInstanceOf(NullPointerException.class);
  }
}
