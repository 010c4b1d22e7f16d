package io.kubemu.nodes.app.dns;

import java.util.function.Consumer;
import org.xbill.DNS.Message;

/** A DNS server's logic: it answers each accepted query through {@code reply}, at once or later (a forwarded one). */
@FunctionalInterface
public interface DnsResponder {
  void respond(DnsRequest request, Consumer<Message> reply);
}
