package io.kubemu.nodes.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import java.nio.ByteBuffer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.JSerializer;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The Pekko serializer for every {@link io.kubemu.protocols.ClusterMessage}: Kryo with required
 * registration, the ids of {@link KryoBuiltins} plus {@link KryoRegistrations} from config. Kryo
 * writes the class id itself, so Pekko carries no manifest. Artery uses the ByteBuffer methods and
 * writes straight into its envelope; other callers get byte arrays.
 */
public final class KryoSerializer extends JSerializer implements ByteBufferSerializer {
  public static final int IDENTIFIER = 7_400_001;
  private static final int MAX_IDLE_CODECS = 32;

  private final ExtendedActorSystem system;
  private final KryoRegistrations registrations;
  private final Pool<KryoCodec> codecs;

  /** Called by Pekko when the serialization extension starts; a bad registration fails it here. */
  public KryoSerializer(ExtendedActorSystem system) {
    this.system = system;
    this.registrations = KryoRegistrations.fromConfig(system.settings().config(), system.dynamicAccess().classLoader());
    this.codecs = new Pool<>(true, false, MAX_IDLE_CODECS) {
      @Override
      protected KryoCodec create() {
        return new KryoCodec(newKryo());
      }
    };
  }

  /** A fully registered Kryo; made on first use, when the typed ActorRefResolver is available. */
  Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setClassLoader(system.dynamicAccess().classLoader());
    // Constructors where there are no-arg ones; classes without go through Objenesis.
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
    KryoBuiltins.registerOn(kryo, new TypedActorRefSerializer(resolver));
    registrations.registerOn(kryo);
    return kryo;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object message) {
    KryoCodec codec = codecs.obtain();
    try {
      return codec.write(message);
    } finally {
      codecs.free(codec);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    KryoCodec codec = codecs.obtain();
    try {
      return codec.read(bytes);
    } finally {
      codecs.free(codec);
    }
  }

  @Override
  public void toBinary(Object message, ByteBuffer buffer) {
    KryoCodec codec = codecs.obtain();
    try {
      codec.write(message, buffer);
    } finally {
      codecs.free(codec);
    }
  }

  @Override
  public Object fromBinary(ByteBuffer buffer, String manifest) {
    KryoCodec codec = codecs.obtain();
    try {
      return codec.read(buffer);
    } finally {
      codecs.free(codec);
    }
  }
}
