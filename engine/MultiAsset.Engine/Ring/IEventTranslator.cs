namespace MultiAsset.Engine.Ring;

/// <summary>
/// Fills a claimed slot. Implement it on a <c>struct</c> carrying the data so publishing allocates nothing and the
/// call is devirtualised.
/// </summary>
public interface IEventTranslator<T>
    where T : struct
{
    /// <summary>Writes the event into <paramref name="slot"/>, which still holds whatever the previous lap left.</summary>
    void Translate(ref T slot, long sequence);
}
