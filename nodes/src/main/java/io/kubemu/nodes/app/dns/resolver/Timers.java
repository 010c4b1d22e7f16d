package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.AppContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Timers for a library inside a program: the program's {@link io.kubemu.nodes.app.App#onTimer}
 * hands every key to {@link #fire} first, and what the library scheduled runs. Keys carry a prefix
 * of their own and a counter, so they never meet the program's own timers, nor each other.
 */
public final class Timers {
  private final AppContext ctx;
  private final String prefix;
  private final Map<String, Runnable> pending = new HashMap<>();
  private long next = 1;

  /** Timers whose keys start with {@code prefix} (e.g. {@code "resolver-"}). */
  public Timers(AppContext ctx, String prefix) {
    this.ctx = ctx;
    this.prefix = prefix;
  }

  /** Runs {@code action} once after {@code delay}; returns the key that {@link #cancel} takes. */
  public String schedule(Duration delay, Runnable action) {
    String key = prefix + next++;
    pending.put(key, action);
    ctx.schedule(key, delay);
    return key;
  }

  public void cancel(String key) {
    if (key != null && pending.remove(key) != null) {
      ctx.cancel(key);
    }
  }

  /** Runs the action behind {@code key}; false when the key is not one of these timers (the program's own). */
  public boolean fire(String key) {
    Runnable action = pending.remove(key);
    if (action == null) {
      return key.startsWith(prefix);
    }
    action.run();
    return true;
  }
}
