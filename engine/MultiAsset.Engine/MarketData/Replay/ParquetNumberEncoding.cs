namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>How <see cref="ParquetReplayWriter"/> stores prices and sizes.</summary>
public enum ParquetNumberEncoding
{
    /// <summary>IEEE double: what most tools write; exact for prices up to about 15 significant digits.</summary>
    Double,

    /// <summary>decimal(28, 8): exact for every fixed-point value the engine holds.</summary>
    Decimal,
}
