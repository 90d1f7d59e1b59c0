package dev.episodes.flink.serialization;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.DecodeResult;
import dev.episodes.device.DeviceState;
import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of every type that crosses an operator boundary or lives in state. */
public final class PipelineTypes {
    public static final TypeInformation<RawEvent> RAW_EVENT = new CodecTypeInfo<>(new RawEventCodec());
    public static final TypeInformation<DeadLetter> DEAD_LETTER = new CodecTypeInfo<>(new DeadLetterCodec());
    public static final TypeInformation<DecodeResult> DECODE_RESULT = new CodecTypeInfo<>(new DecodeResultCodec());
    public static final TypeInformation<ArchiveLine> ARCHIVE_LINE = new CodecTypeInfo<>(new ArchiveLineCodec());
    public static final TypeInformation<Episode> EPISODE = new CodecTypeInfo<>(new EpisodeCodec());
    public static final TypeInformation<DeviceState> DEVICE_STATE = new CodecTypeInfo<>(new DeviceStateCodec());
    public static final TypeInformation<Step> STEP = new CodecTypeInfo<>(new StepCodec());
    public static final TypeInformation<MaskPlanner> MASK_PLANNER = new CodecTypeInfo<>(new MaskPlannerCodec());

    private PipelineTypes() {}
}
