package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * An AS number as Calico's {@code numorstring.ASNumber} takes it: a JSON number, a string of digits, or the
 * dotted form {@code "1.10"} (65536 + 10). Kept as written, so validation can say what is wrong with it;
 * {@link #value()} is empty unless it is a number 0..4294967295.
 */
public record AsNumber(String text) {
  public static final long MAX = 0xFFFF_FFFFL;

  public static AsNumber of(long value) {
    return new AsNumber(Long.toString(value));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static AsNumber fromJson(JsonNode node) {
    if (node.isIntegralNumber() || node.isTextual()) {
      return new AsNumber(node.asText());
    }
    throw new IllegalArgumentException("invalid type: " + node.getNodeType().name().toLowerCase()
        + " (expected: an AS number, e.g. 64512 or \"1.10\")");
  }

  /** A number for plain AS numbers, as Calico writes them back; the text for the rest. */
  @JsonValue
  Object json() {
    return text.chars().allMatch(Character::isDigit) && value().isPresent() ? (Object) value().getAsLong() : text;
  }

  /** The number, from digits or from {@code high.low} with both halves 0..65535; empty when the text is neither. */
  public OptionalLong value() {
    if (isDigits(text) && text.length() <= 10 && Long.parseLong(text) <= MAX) {
      return OptionalLong.of(Long.parseLong(text));
    }
    int dot = text.indexOf('.');
    if (dot < 0) {
      return OptionalLong.empty();
    }
    String high = text.substring(0, dot);
    String low = text.substring(dot + 1);
    if (!isDigits(high) || !isDigits(low) || high.length() > 5 || low.length() > 5) {
      return OptionalLong.empty();
    }
    long h = Long.parseLong(high);
    long l = Long.parseLong(low);
    return h > 0xFFFF || l > 0xFFFF ? OptionalLong.empty() : OptionalLong.of((h << 16) + l);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  @Override
  public String toString() {
    return text;
  }
}
