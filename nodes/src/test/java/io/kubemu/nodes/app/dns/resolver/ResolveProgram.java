package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;

/** A program that resolves its one argument with a {@link StubResolver} of {@code libc} and keeps the result. */
final class ResolveProgram implements App {
  private final Libc libc;
  private StubResolver resolver;
  Resolution result;

  ResolveProgram(Libc libc) {
    this.libc = libc;
  }

  @Override
  public void start(AppContext ctx) {
    resolver = new StubResolver(ctx, libc);
    resolver.resolve(ctx.argv().get(1), r -> {
      result = r;
      ctx.exit(r.resolved() ? 0 : 1);
    });
  }

  @Override
  public void onTimer(String key) {
    resolver.onTimer(key);
  }
}
