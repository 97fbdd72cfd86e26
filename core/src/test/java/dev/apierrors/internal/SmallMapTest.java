package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The members of a decoding tree's objects behave as the {@code LinkedHashMap} Jackson would
 * have used, on either side of the array limit: order, replacement in place, removal, and
 * an {@code ObjectNode} over them equal to one over a {@code LinkedHashMap}.
 */
class SmallMapTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomOperationsMatchALinkedHashMap(int seed) {
    Random random = new Random(seed);
    SmallMap<JsonNode> members = new SmallMap<JsonNode>();
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    int names = seed <= 4 ? SmallMap.ARRAY_MAX : 3 * SmallMap.ARRAY_MAX;
    for (int op = 0; op < 400; op++) {
      String name = "m" + random.nextInt(names);
      JsonNode value = NODES.numberNode(op);
      switch (random.nextInt(4)) {
        case 0, 1 -> assertThat(members.put(name, value)).isEqualTo(expected.put(name, value));
        case 2 -> assertThat(members.remove(name)).isEqualTo(expected.remove(name));
        default -> assertThat(members.get(name)).isEqualTo(expected.get(name));
      }
      assertThat(members.containsKey(name)).isEqualTo(expected.containsKey(name));
      assertThat(members).hasSize(expected.size());
      assertThat(new ArrayList<>(members.entrySet())).isEqualTo(new ArrayList<>(expected.entrySet()));
    }
    assertThat(members).isEqualTo(expected);
    assertThat(members.hashCode()).isEqualTo(expected.hashCode());
  }

  @Test
  void aReplacedValueKeepsItsPlace() {
    SmallMap<JsonNode> members = new SmallMap<JsonNode>();
    members.put("a", NODES.textNode("1"));
    members.put("b", NODES.textNode("2"));
    members.put("a", NODES.textNode("3"));

    assertThat(members.keySet()).containsExactly("a", "b");
    assertThat(members.get("a")).isEqualTo(NODES.textNode("3"));
  }

  @Test
  void theIteratorRemovesAndEntriesWriteThrough() {
    SmallMap<JsonNode> members = new SmallMap<JsonNode>();
    for (String name : List.of("a", "b", "c")) {
      members.put(name, NODES.textNode(name));
    }
    assertThat(members.entrySet()).hasSize(3);
    Iterator<Map.Entry<String, JsonNode>> it = members.entrySet().iterator();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    assertThat(it.next().setValue(NODES.textNode("A"))).isEqualTo(NODES.textNode("a"));
    it.next();
    it.remove();

    assertThat(members.keySet()).containsExactly("a", "c");
    assertThat(members.get("a")).isEqualTo(NODES.textNode("A"));
    assertThat(it.next().getKey()).isEqualTo("c");
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void theIteratorRemovesTheFirstMember() {
    SmallMap<JsonNode> members = new SmallMap<JsonNode>();
    members.put("a", NODES.textNode("a"));
    members.put("b", NODES.textNode("b"));
    Iterator<Map.Entry<String, JsonNode>> it = members.entrySet().iterator();
    it.next();
    it.remove();

    assertThat(members.keySet()).containsExactly("b");
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anObjectNodeOverThemIsEqualToJacksonsOwnAndPrintsTheSame() {
    ObjectNode small = new ObjectNode(NODES, new SmallMap<JsonNode>());
    ObjectNode jackson = NODES.objectNode();
    for (int i = 0; i < SmallMap.ARRAY_MAX + 3; i++) {
      small.put("m" + i, i);
      jackson.put("m" + i, i);
      assertThat(small).isEqualTo(jackson);
      assertThat(jackson).isEqualTo(small);
      assertThat(small.toString()).isEqualTo(jackson.toString());
    }
    small.remove("m0");
    jackson.remove("m0");
    assertThat(small).isEqualTo(jackson);
    assertThat(small.deepCopy()).isEqualTo(jackson);
  }
}
