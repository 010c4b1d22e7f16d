package io.kubemu.nodes.app.dig;

import io.kubemu.nodes.app.dns.resolver.Presentation;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A reply as dig prints it: the header lines, the OPT pseudo-section, then each section with its
 * records in BIND's master-file columns (TTL at 24, class at 32, type at 40, data at 48, reached
 * with tabs, or one space when the text before already passed the column), the data in
 * presentation format as dnsjava writes it, which is BIND's for the types a cluster serves.
 */
final class DigText {
  private static final int TTL_COLUMN = 24;
  private static final int CLASS_COLUMN = 32;
  private static final int TYPE_COLUMN = 40;
  private static final int DATA_COLUMN = 48;
  private static final int TAB = 8;
  private static final int[] FLAGS = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
  private static final List<String> FLAG_NAMES = List.of("qr", "aa", "tc", "rd", "ra", "ad", "cd");
  /** Section titles by section number, as dig words them. */
  private static final List<String> SECTIONS = List.of("QUESTION", "ANSWER", "AUTHORITY", "ADDITIONAL");

  private DigText() {}

  /** ";; Got answer:" and the header, the recursion warning, a blank line: what dig prints before the sections. */
  static String header(Message m) {
    StringBuilder sb = new StringBuilder(";; Got answer:\n;; ->>HEADER<<- opcode: ").append(Opcode.string(m.getHeader().getOpcode()))
        .append(", status: ").append(Rcode.string(m.getRcode())).append(", id: ").append(m.getHeader().getID()).append("\n;; flags:");
    for (int i = 0; i < FLAGS.length; i++) {
      if (m.getHeader().getFlag(FLAGS[i])) {
        sb.append(' ').append(FLAG_NAMES.get(i));
      }
    }
    sb.append("; QUERY: ").append(m.getHeader().getCount(Section.QUESTION))
        .append(", ANSWER: ").append(m.getHeader().getCount(Section.ANSWER))
        .append(", AUTHORITY: ").append(m.getHeader().getCount(Section.AUTHORITY))
        .append(", ADDITIONAL: ").append(m.getHeader().getCount(Section.ADDITIONAL)).append('\n');
    if (m.getHeader().getFlag(Flags.RD) && !m.getHeader().getFlag(Flags.RA)) {
      sb.append(";; WARNING: recursion requested but not available\n");
    }
    return sb.append('\n').toString();
  }

  /** The EDNS pseudo-section of a reply that has an OPT record (its options are not shown). */
  static String opt(Message m) {
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return "";
    }
    return ";; OPT PSEUDOSECTION:\n; EDNS: version: " + opt.getVersion() + ", flags:"
        + ((opt.getFlags() & ExtendedFlags.DO) != 0 ? " do" : "") + "; udp: " + opt.getPayloadSize() + "\n";
  }

  /**
   * One section: with {@code comments} its title and a blank line after it, else the records alone
   * (what {@code +noall +answer} shows); nothing for an empty one. The OPT record is no record here.
   */
  static String section(Message m, int section, boolean comments) {
    List<Record> records = m.getSection(section).stream().filter(r -> r.getType() != Type.OPT).toList();
    if (records.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(comments ? ";; " + SECTIONS.get(section) + " SECTION:\n" : "");
    for (Record r : records) {
      sb.append(section == Section.QUESTION ? question(r) : record(r)).append('\n');
    }
    return comments ? sb.append('\n').toString() : sb.toString();
  }

  /** A question: a semicolon, then the name with the class and type in their columns (no TTL). */
  static String question(Record q) {
    StringBuilder sb = new StringBuilder(q.getName().toString());
    int[] column = {sb.length()};
    indent(sb, column, CLASS_COLUMN);
    append(sb, column, DClass.string(q.getDClass()));
    indent(sb, column, TYPE_COLUMN);
    append(sb, column, Type.string(q.getType()));
    return ";" + sb;
  }

  static String record(Record r) {
    StringBuilder sb = new StringBuilder(r.getName().toString());
    int[] column = {sb.length()};
    indent(sb, column, TTL_COLUMN);
    append(sb, column, Long.toString(r.getTTL()));
    indent(sb, column, CLASS_COLUMN);
    append(sb, column, DClass.string(r.getDClass()));
    indent(sb, column, TYPE_COLUMN);
    append(sb, column, Type.string(r.getType()));
    indent(sb, column, DATA_COLUMN);
    return sb.append(Presentation.rdata(r)).toString();
  }

  private static void append(StringBuilder sb, int[] column, String text) {
    sb.append(text);
    column[0] += text.length();
  }

  /** BIND's indent(): tabs to the column, or a single space when the text already reaches it. */
  private static void indent(StringBuilder sb, int[] column, int to) {
    int from = column[0];
    int target = Math.max(to, from + 1);
    int tabs = target / TAB - from / TAB;
    if (tabs > 0) {
      sb.append("\t".repeat(tabs)).append(" ".repeat(target % TAB));
    } else {
      sb.append(" ".repeat(target - from));
    }
    column[0] = target;
  }
}
