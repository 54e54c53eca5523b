//! GeoJSON (RFC 7946) of an article's places: one Feature per entity linked to the map,
//! a Point at its `geo`, with its name, type, mention count and what it was linked to.

use serde_json::{json, Value};

use crate::document::Document;

/// The linked places of `doc` as a GeoJSON FeatureCollection.
pub(super) fn geojson(doc: &Document) -> Value {
    let features: Vec<Value> = doc
        .entities
        .iter()
        .filter_map(|e| {
            let g = e.geo.as_ref()?.as_ref()?;
            Some(json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [g.lon, g.lat]},
                "properties": {
                    "name": e.name,
                    "kind": e.kind,
                    "type": e.ty,
                    "mentions": e.mentions.len(),
                    "geonames": g.geonames,
                    "country": g.country,
                    "feature": g.feature,
                    "geo_name": g.name,
                },
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn one_feature_per_linked_place() {
        let doc = crate::annotate("Flyangrepet rammet Raqqa i Syria. Raqqa ligger ved Eufrat.");
        let json = crate::export::Format::GeoJson.write(&doc).expect("written");
        let v: Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(v["type"], "FeatureCollection");
        let features = v["features"].as_array().expect("features");
        let names: Vec<&str> = features
            .iter()
            .filter_map(|f| f["properties"]["name"].as_str())
            .collect();
        assert!(
            names.contains(&"Raqqa") && names.contains(&"Syria"),
            "{names:?}"
        );
        assert!(!names.contains(&"Eufrat"), "{names:?}");
        let raqqa = features
            .iter()
            .find(|f| f["properties"]["name"] == "Raqqa")
            .expect("Raqqa");
        assert_eq!(raqqa["properties"]["mentions"], 2);
        assert_eq!(raqqa["properties"]["country"], "SY");
        let xy = &raqqa["geometry"]["coordinates"];
        let (lon, lat) = (xy[0].as_f64().unwrap_or(0.0), xy[1].as_f64().unwrap_or(0.0));
        assert!(
            (38.5..39.5).contains(&lon) && (35.5..36.5).contains(&lat),
            "{xy}"
        );
    }
}
