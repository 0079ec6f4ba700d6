//! What each highlight means, with a switch per layer.

use yew::prelude::*;

use crate::export::Layer;
use crate::ui::state::LayerToggles;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub layers: LayerToggles,
    pub on_toggle: Callback<Layer>,
}

#[component]
pub fn Legend(props: &LegendProps) -> Html {
    // Each switch's label is the sample of its highlight, so the legend and the switches
    // are one thing.
    let switch = |layer: Layer, hint: &'static str, sample: Html| {
        let onchange = props.on_toggle.reform(move |_: Event| layer);
        html! {
            <label class="legend-item" title={hint}>
                <input type="checkbox" checked={props.layers.is_on(layer)} {onchange}
                       data-toggle={layer.as_str()} />
                { sample }
            </label>
        }
    };
    let entity_samples = html! {
        <span class="legend-samples">
            <span class="ent sample" data-sample="PERSON">{ "Person" }</span>
            <span class="ent sample" data-sample="ORG">{ "Organisation" }</span>
            <span class="ent sample" data-sample="PLACE">{ "Place" }</span>
            <span class="ent sample" data-sample="THREAT_ACTOR">{ "Threat actor" }</span>
        </span>
    };
    html! {
        <div class="legend" role="group" aria-label="Highlight layers">
            { switch(Layer::Entity, "Show or hide entities", entity_samples) }
            { switch(
                Layer::Incident,
                "Show or hide sentences that report a cyber incident",
                html! { <span class="sent sent-incident sample">{ "Cyber incident" }</span> },
            ) }
            { switch(
                Layer::Pledge,
                "Show or hide sentences that make a diplomatic pledge",
                html! { <span class="sent sent-pledge sample">{ "Diplomatic pledge" }</span> },
            ) }
        </div>
    }
}
