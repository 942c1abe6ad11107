import { initAll } from "/assets/govuk/govuk-frontend.min.js";
import "./read-aloud.js";

initAll();
