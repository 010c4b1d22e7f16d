package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH (RFC 4271 4.3 and 5.1.2): the ASes a route crossed, as segments. AS numbers take two
 * octets, or four between speakers that both announced the 4-octet AS capability (RFC 6793); the
 * width is part of the value, because the same bytes mean different paths under each.
 */
public record AsPath(List<Segment> segments, boolean fourOctet) implements PathAttribute {
  public static final int AS_SET = 1;
  public static final int AS_SEQUENCE = 2;
  /** Confederation segments (RFC 5065), accepted so that a real router's UPDATE decodes. */
  public static final int AS_CONFED_SEQUENCE = 3;
  public static final int AS_CONFED_SET = 4;

  public AsPath {
    segments = List.copyOf(segments);
    long max = fourOctet ? 0xFFFFFFFFL : 0xFFFF;
    for (Segment s : segments) {
      for (long asn : s.asns()) {
        if (asn > max) {
          throw new IllegalArgumentException("AS " + asn + " in a " + (fourOctet ? 4 : 2)
              + "-octet AS_PATH (expected: <= " + max + "; use AS_TRANS and AS4_PATH)");
        }
      }
    }
  }

  /** One segment: its type and 1..255 AS numbers. */
  public record Segment(int type, List<Long> asns) {
    public Segment {
      asns = List.copyOf(asns);
      if (type < AS_SET || type > AS_CONFED_SET || asns.isEmpty() || asns.size() > 255) {
        throw new IllegalArgumentException("bad AS_PATH segment: type " + type + " with " + asns.size()
            + " ASes (expected: type 1..4, 1..255 ASes)");
      }
      for (long asn : asns) {
        if (asn < 0 || asn > 0xFFFFFFFFL) {
          throw new IllegalArgumentException("bad AS number: " + asn + " (expected: 0..4294967295)");
        }
      }
    }
  }

  public static AsPath empty(boolean fourOctet) {
    return new AsPath(List.of(), fourOctet);
  }

  public static AsPath sequence(boolean fourOctet, Long... asns) {
    return new AsPath(List.of(new Segment(AS_SEQUENCE, List.of(asns))), fourOctet);
  }

  /** The number of ASes as the decision process counts it: an AS_SET counts as one, confederations as none. */
  public int pathLength() {
    int n = 0;
    for (Segment s : segments) {
      n += s.type() == AS_SEQUENCE ? s.asns().size() : s.type() == AS_SET ? 1 : 0;
    }
    return n;
  }

  /** This path with {@code asn} put in front, as a speaker does before sending a route to an external peer. */
  public AsPath prepend(long asn) {
    List<Segment> out = new ArrayList<>();
    if (!segments.isEmpty() && segments.get(0).type() == AS_SEQUENCE && segments.get(0).asns().size() < 255) {
      List<Long> asns = new ArrayList<>(segments.get(0).asns());
      asns.add(0, asn);
      out.add(new Segment(AS_SEQUENCE, asns));
      out.addAll(segments.subList(1, segments.size()));
    } else {
      out.add(new Segment(AS_SEQUENCE, List.of(asn)));
      out.addAll(segments);
    }
    return new AsPath(out, fourOctet);
  }

  public boolean contains(long asn) {
    return segments.stream().anyMatch(s -> s.asns().contains(asn));
  }

  /** Reads a whole AS_PATH value; any inconsistency is Malformed AS_PATH (3/11, no data). */
  static AsPath decode(ByteReader value, boolean fourOctet) {
    int width = fourOctet ? 4 : 2;
    List<Segment> segments = new ArrayList<>();
    while (value.hasRemaining()) {
      int at = value.position();
      if (value.remaining() < 2) {
        throw malformed(at, "truncated AS_PATH segment header: 1 byte (expected: 2)");
      }
      int type = value.u8("AS_PATH segment type");
      int count = value.u8("AS_PATH segment length");
      if (type < AS_SET || type > AS_CONFED_SET) {
        throw malformed(at, "bad AS_PATH segment type: " + type + " (expected: 1..4)");
      }
      if (count == 0 || count * width > value.remaining()) {
        throw malformed(at + 1, "bad AS_PATH segment length: " + count + " ASes of " + width + " octets in "
            + value.remaining() + " bytes (expected: 1.." + value.remaining() / width + ")");
      }
      List<Long> asns = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        asns.add(fourOctet ? value.u32("AS number") : value.u16("AS number"));
      }
      segments.add(new Segment(type, asns));
    }
    return new AsPath(segments, fourOctet);
  }

  private static BgpError malformed(int at, String problem) {
    return BgpError.update(at, NotificationCodes.MALFORMED_AS_PATH, new byte[0], problem);
  }

  @Override
  public int typeCode() {
    return AS_PATH;
  }

  @Override
  public int flags() {
    return WELL_KNOWN;
  }

  @Override
  public int valueLength() {
    int width = fourOctet ? 4 : 2;
    int length = 0;
    for (Segment s : segments) {
      length += 2 + width * s.asns().size();
    }
    return length;
  }

  @Override
  public void encodeValue(ByteWriter w) {
    for (Segment s : segments) {
      w.u8(s.type()).u8(s.asns().size());
      for (long asn : s.asns()) {
        if (fourOctet) {
          w.u32(asn);
        } else {
          w.u16((int) asn);
        }
      }
    }
  }
}
