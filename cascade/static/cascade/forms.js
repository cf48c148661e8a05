// Buttons that tick or untick every checkbox of a name: data-check-all="present", data-uncheck-all="present".
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-check-all], [data-uncheck-all]");
  if (!button) return;
  const name = button.dataset.checkAll ?? button.dataset.uncheckAll;
  const checked = button.dataset.checkAll !== undefined;
  for (const box of button.form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"]`)) {
    box.checked = checked;
  }
});

// Long lists of choices (people, units) get a search box: <select data-search> with more than
// SEARCH_FROM options shows only the options whose text holds what is typed. Chosen options
// always stay visible, so a multiple choice never loses what it has.
const SEARCH_FROM = 12;
for (const select of document.querySelectorAll("select[data-search]")) {
  if (select.options.length <= SEARCH_FROM) continue;
  const box = document.createElement("input");
  box.type = "search";
  box.className = "form-control form-control-sm mb-1";
  box.placeholder = select.dataset.search;
  box.setAttribute("aria-label", select.dataset.search);
  box.setAttribute("aria-controls", select.id);
  select.before(box);
  box.addEventListener("input", () => {
    const words = box.value.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
    for (const option of select.options) {
      const text = option.text.toLocaleLowerCase();
      option.hidden = !option.selected && option.value !== "" && !words.every((w) => text.includes(w));
    }
  });
}
