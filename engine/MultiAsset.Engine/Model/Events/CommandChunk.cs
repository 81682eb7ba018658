using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>Up to 47 bytes of a command body: the whole payload area of an <see cref="InputEvent"/> up to its verdict byte.</summary>
[InlineArray(Capacity)]
public struct CommandChunk
{
    /// <summary>Body bytes one chunk slot carries.</summary>
    public const int Capacity = InputEvent.VerdictOffset - InputEvent.PayloadOffset;

    private byte first;
}
