import CriticalMinerals
import EnergyIndustry
import IPEF
import InnovationHandshake
public import LiaisonCore
public import LiaisonReports
import SCCP
import Semiconductors
import StrategicTrade
import TradeMission

/// The plugins this build of Liaison ships with, listed statically, and the schema they
/// compose with the core fields.
///
/// ```swift
/// let store = try LiaisonStore(directory: dir, schema: BundledPlugins.schema)
/// let ids = BundledPlugins.registry.reports.map(\.id)  // ["overview", "critical_minerals", ...]
/// ```
public enum BundledPlugins {
    /// Every bundled plugin, in a stable order (sorted by id).
    public static let registry = PluginRegistry(plugins: [
        CriticalMineralsPlugin(),
        EnergyIndustryPlugin(),
        InnovationHandshakePlugin(),
        IPEFPlugin(),
        SCCPPlugin(),
        SemiconductorsPlugin(),
        StrategicTradePlugin(),
        TradeMissionPlugin(),
    ])

    /// The record schema: core fields plus every bundled plugin's track fields.
    public static var schema: Schema { registry.schema }
}
