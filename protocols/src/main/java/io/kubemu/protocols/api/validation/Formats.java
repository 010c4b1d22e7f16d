package io.kubemu.protocols.api.validation;

import io.kubemu.protocols.addr.Cidr;
import io.kubemu.protocols.addr.IpAddress;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.Ipv6Address;
import io.kubemu.protocols.addr.Ipv6Cidr;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats of Kubernetes' {@code apimachinery/pkg/util/validation}: each check returns the API
 * server's messages, empty when the value is valid.
 */
public final class Formats {
  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";

  private static final String WILDCARD_DNS1123_SUBDOMAIN_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern WILDCARD_DNS1123_SUBDOMAIN = Pattern.compile(WILDCARD_DNS1123_SUBDOMAIN_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*");

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  public static final int QUALIFIED_NAME_MAX = 63;
  public static final int LABEL_VALUE_MAX = 63;
  public static final int PORT_NAME_MAX = 15;

  private Formats() {}

  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
            + " and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
          + " or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
          + " an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /** A label key or annotation key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        name = parts[1];
        if (parts[0].isEmpty()) {
          errs.add("prefix part must be non-empty");
        } else {
          dns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
        }
      }
      default -> {
        errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_NAME_MAX) {
      errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX) {
      errs.add(maxLenError(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** An IANA_SVC_NAME (RFC 6335), lower case only, as Kubernetes requires of port names. */
  public static List<String> portName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > PORT_NAME_MAX) {
      errs.add(maxLenError(PORT_NAME_MAX));
    }
    if (!PORT_NAME_CHARSET.matcher(value).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!ONE_LETTER.matcher(value).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (value.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!value.isEmpty() && (value.charAt(0) == '-' || value.charAt(value.length() - 1) == '-')) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  /** An IPv4 or IPv6 address as legacy Kubernetes fields accept it (host aliases, DNS nameservers). */
  public static List<String> ip(String value) {
    try {
      IpAddress.parse(value);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }
  }

  public static List<String> ipv4(String value) {
    try {
      Ipv4Address.parse(value);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of("must be a valid IPv4 address");
    }
  }

  public static List<String> ipv6(String value) {
    try {
      Ipv6Address.parse(value);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of("must be a valid IPv6 address");
    }
  }

  /** A CIDR as Go's ParseCIDR accepts it: host bits may be set ({@code 10.0.0.1/8}). */
  public static List<String> cidr(String value) {
    return parseCidr(value).isPresent() ? List.of()
        : List.of("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
  }

  /** The block a CIDR names, host bits masked off; empty when the text is not a CIDR. */
  public static Optional<Cidr> parseCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0 || slash == value.length() - 1) {
      return Optional.empty();
    }
    String prefix = value.substring(slash + 1);
    if (!prefix.chars().allMatch(Character::isDigit) || prefix.length() > 3) {
      return Optional.empty();
    }
    try {
      IpAddress ip = IpAddress.parse(value.substring(0, slash));
      int bits = Integer.parseInt(prefix);
      return Optional.of(ip instanceof Ipv4Address v4 ? Ipv4Cidr.containing(v4, bits)
          : Ipv6Cidr.containing((Ipv6Address) ip, bits));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code *.example.com}: a DNS-1123 subdomain behind one leading wildcard label. */
  public static List<String> wildcardDns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!WILDCARD_DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError("a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which"
          + " must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
          WILDCARD_DNS1123_SUBDOMAIN_FMT, "*.example.com"));
    }
    return errs;
  }

  /** {@code 25%}, as rolling-update fields accept besides integers. */
  public static List<String> percent(String value) {
    return PERCENT.matcher(value).matches() ? List.of() : List.of(regexError(
        "a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%"));
  }

  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** Kubernetes' RegexError, double space before "or" included, so messages match the API server's exactly. */
  static String regexError(String msg, String fmt, String... examples) {
    StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        b.append(" or ");
      }
      b.append('\'').append(examples[i]).append("', ");
    }
    return b.append("regex used for validation is '").append(fmt).append("')").toString();
  }
}
