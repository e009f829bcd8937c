/// Invented but plausible names for sample records: organisations, agencies, staff, events.
/// None of them is meant to be a real organisation.
enum SampleNames {
    /// Place-like first words of US organisation names.
    static let usStems = [
        "Cascade", "Blue Ridge", "Great Lakes", "Summit", "Lone Star", "Pacific Crest", "Appalachian", "Mesa",
        "Redwood", "Hudson", "Prairie", "Chesapeake", "Sierra", "Granite State", "Bayou", "Keystone", "Ozark",
        "Tidewater", "Silver Peak", "Columbia", "Piedmont", "Shenandoah", "Willamette", "Mojave",
    ]
    /// Place-like first words of Indian organisation names.
    static let indianStems = [
        "Deccan", "Kaveri", "Narmada", "Malabar", "Sahyadri", "Vindhya", "Coromandel", "Aravalli", "Konkan",
        "Ganga", "Nilgiri", "Brahmaputra", "Thar", "Godavari", "Satpura", "Kalinga", "Saurashtra", "Chola",
        "Mahanadi", "Tapti", "Himgiri", "Indus Valley", "Krishna", "Purvanchal",
    ]
    static let usSuffixes = ["Corp", "Inc.", "LLC", "Technologies Inc.", "Holdings", "Group", "Co."]
    static let indianSuffixes = ["Ltd", "Pvt Ltd", "Industries Ltd", "Technologies Pvt Ltd", "Enterprises", "Ltd"]

    /// Sector words of organisation names, by track.
    static let sectors: [String: (us: [String], indian: [String])] = [
        "critical_minerals": (
            ["Lithium", "Minerals", "Battery Metals", "Mining Equipment", "Refining", "Geoscience"],
            ["Rare Earths", "Metals", "Minerals", "Mining", "Alloys", "Resources"]
        ),
        "semiconductors": (
            ["Semiconductor", "Microsystems", "Silicon", "Photonics", "Wafer Systems", "EDA"],
            ["Semiconductors", "Chips", "Electronics", "Microdevices", "OSAT", "Silicon"]
        ),
        "energy_industry": (
            ["Energy", "Solar", "Grid Systems", "Turbine", "Hydrogen", "LNG"],
            ["Power", "Renewables", "Green Energy", "Petroleum", "Solar", "Energy"]
        ),
        "innovation_handshake": (
            ["Ventures", "Capital Partners", "Labs", "Angels", "Growth Fund", "Accelerator"],
            ["AI Labs", "Fintech", "Biosciences", "Quantum", "Spacetech", "Robotics"]
        ),
        "ipef": (
            ["Logistics", "Supply Chain", "Clean Technologies", "Trade Services", "Pharma", "Packaging"],
            ["Logistics", "Exports", "Pharma", "Textiles", "Auto Components", "Agro Foods"]
        ),
        "sccp": (
            ["Testing Labs", "Medical Devices", "Instruments", "Standards Consulting", "Appliances", "Cables"],
            ["Test House", "Medical Devices", "Electricals", "Certification", "Appliances", "Instruments"]
        ),
        "strategic_trade": (
            ["Aerospace", "Defense Systems", "Satellite", "Telecom", "Quantum", "Avionics"],
            ["Aerospace", "Defence Systems", "Telecom", "Space Systems", "Precision", "Avionics"]
        ),
        "trade_mission": (
            ["Food Exports", "Machinery", "Healthcare", "Water Technologies", "Agritech", "Software"],
            ["Traders", "Healthcare", "Infrastructure", "Agro", "Hospitality", "Retail"]
        ),
    ]

    /// Counterpart agencies, by track.
    static let agencies: [String: [String]] = [
        "critical_minerals": ["Ministry of Mines", "KABIL", "IREL (India) Ltd", "Geological Survey of India"],
        "semiconductors": ["MeitY", "India Semiconductor Mission", "DPIIT"],
        "energy_industry": [
            "Ministry of New and Renewable Energy", "Ministry of Power",
            "Ministry of Petroleum and Natural Gas", "Bureau of Energy Efficiency",
        ],
        "innovation_handshake": ["DPIIT", "Startup India", "Atal Innovation Mission", "NASSCOM"],
        "ipef": ["Ministry of Commerce and Industry", "DPIIT", "Department of Commerce"],
        "sccp": ["BIS", "CII", "FICCI", "CDSCO", "TEC"],
        "strategic_trade": ["DGFT", "Ministry of External Affairs", "Department of Space", "DRDO"],
        "trade_mission": ["CII", "FICCI", "Invest India", "AMCHAM India", "State industrial development corporation"],
    ]

    /// NAICS codes that fit each track.
    static let naics: [String: [String]] = [
        "critical_minerals": ["212290", "331410", "333131", "213114", "325180"],
        "semiconductors": ["334413", "333242", "541330", "325199", "334418"],
        "energy_industry": ["221114", "333611", "211120", "335311", "237130"],
        "innovation_handshake": ["541715", "511210", "523910", "541511", "325414"],
        "ipef": ["488510", "325412", "313210", "336390", "311421"],
        "sccp": ["541380", "339112", "335931", "334515", "335220"],
        "strategic_trade": ["336414", "334220", "336411", "334511", "541715"],
        "trade_mission": ["311999", "333249", "621999", "221310", "541511"],
    ]

    /// Officers by office: a few per office.
    static let officers: [String: [String]] = [
        "new-delhi": ["Sarah Whitfield", "Rohit Malhotra", "Ananya Kapoor", "Michael Brennan"],
        "mumbai": ["Priya Deshmukh", "James Holloway", "Kunal Shah", "Meera Iyer"],
        "chennai": ["Lakshmi Narayanan", "David Okafor", "Karthik Subramanian"],
        "kolkata": ["Sourav Banerjee", "Rina Chatterjee", "Thomas Reilly"],
        "hyderabad": ["Srinivas Reddy", "Aisha Siddiqui", "Emily Carter"],
        "bengaluru": ["Vikram Rao", "Divya Hegde", "Jason Park", "Nandini Gowda"],
        "ahmedabad": ["Hetal Patel", "Rakesh Joshi", "Laura Jensen"],
    ]

    /// Free-text track fields, by field name.
    static let texts: [String: [String]] = [
        "innovation_handshake.event": [
            "Innovation Handshake Bengaluru 2024", "Innovation Handshake Hyderabad Demo Day",
            "Innovation Handshake Silicon Valley Roadshow", "Innovation Handshake Mumbai Fintech Forum",
            "Innovation Handshake New Delhi Climate Tech Summit", "Innovation Handshake Chennai Deep Tech Day",
        ],
        "trade_mission.mission": [
            "Clean Energy Business Development Mission", "Healthcare Technology Trade Mission",
            "Aerospace and Defense Trade Mission", "Smart Cities Infrastructure Mission",
            "Agribusiness and Food Processing Mission", "Digital Economy Trade Mission",
        ],
        "sccp.topic": [
            "BIS QCO for medical devices", "Compulsory registration of electronics", "Telecom equipment MTCTE testing",
            "Energy-efficiency labelling of motors", "Toy safety standard IS 9873", "EV charging connector standards",
            "Pressure vessel certification", "Cybersecurity certification of IoT devices",
        ],
    ]

    /// Short descriptions of each record type, for titles.
    static let typePhrases: [String: String] = [
        "investment": "investment", "joint_venture": "joint venture", "technology_partnership": "technology partnership",
        "trade_lead": "trade lead", "mou_action_item": "MoU action item", "export_success": "export success",
        "event": "event",
    ]

    /// Remarks for notes.
    static let notes = [
        "Follow-up call scheduled with the Indian party's procurement team.",
        "Client asked for an introduction to the state industrial development corporation.",
        "Awaiting due-diligence documents from the US firm.",
        "Discussed at the quarterly Commercial Dialogue review.",
        "Value revised after the site visit.",
        "Counterpart agency requested a technical briefing.",
    ]
}
