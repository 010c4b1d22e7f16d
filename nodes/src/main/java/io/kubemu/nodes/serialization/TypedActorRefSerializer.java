package io.kubemu.nodes.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Writes a typed {@link ActorRef} as its serialization format (full path with address and uid) and
 * resolves it again on read, so a {@code replyTo} field works from any JVM of the cluster.
 */
final class TypedActorRefSerializer extends ImmutableSerializer<ActorRef<?>> {
  private final ActorRefResolver resolver;

  TypedActorRefSerializer(ActorRefResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public void write(Kryo kryo, Output output, ActorRef<?> ref) {
    output.writeString(resolver.toSerializationFormat(ref));
  }

  @Override
  public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
    return resolver.resolveActorRef(input.readString());
  }
}
