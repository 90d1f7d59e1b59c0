package dev.episodes.flink.serialization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information constants of {@link PipelineTypes} and their codecs, read reflectively. */
final class PipelineTypesScan {
    private PipelineTypesScan() {}

    static List<TypeInformation<?>> infos() {
        List<TypeInformation<?>> infos = new ArrayList<>();
        for (Field f : PipelineTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && TypeInformation.class.isAssignableFrom(f.getType())) {
                try {
                    infos.add((TypeInformation<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return infos;
    }

    static List<Codec<?>> codecs() {
        List<Codec<?>> codecs = new ArrayList<>();
        for (TypeInformation<?> info : infos()) {
            if (info instanceof CodecTypeInfo<?> c) {
                codecs.add(c.codec());
            }
        }
        return codecs;
    }
}
