// Mötesarkivet's only script: copy buttons for citations and the underlag basket (kept in localStorage).
// Every page works without it; it reveals the buttons it drives.
(function () {
  "use strict";
  var KEY = "motesarkivet.underlag";

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(entries) {
    localStorage.setItem(KEY, JSON.stringify(entries));
    showCount();
  }
  function showCount() {
    var count = load().length;
    document.querySelectorAll("[data-basket-count]").forEach(function (el) { el.textContent = count ? " (" + count + ")" : ""; });
  }
  function say(near, message) {
    var status = near.parentElement.querySelector("[role=status]");
    if (status) { status.textContent = message; }
  }

  function copy(button) {
    var text = button.dataset.copyText, html = button.dataset.copyHtml;
    var done = function () { say(button, "Kopierat!"); };
    var failed = function () { say(button, "Kunde inte kopiera: markera texten och kopiera den själv."); };
    if (html && window.ClipboardItem) {
      navigator.clipboard.write([new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      })]).then(done, failed);
    } else {
      navigator.clipboard.writeText(text).then(done, failed);
    }
  }

  function add(button) {
    var entries = load(), id = button.dataset.basketId;
    if (!entries.some(function (e) { return e.id === id; })) {
      entries.push({ id: id, label: button.dataset.basketLabel });
      save(entries);
    }
    button.textContent = "I underlaget ✓";
    button.setAttribute("aria-pressed", "true");
  }

  function exportUrl(format, entries) {
    return "/underlag." + format + "?" + entries.map(function (e) { return "p=" + encodeURIComponent(e.id); }).join("&");
  }

  function renderBasket(list) {
    var entries = load();
    var empty = document.getElementById("basket-empty"), tools = document.getElementById("basket-tools");
    list.replaceChildren();
    empty.hidden = entries.length > 0;
    tools.hidden = entries.length === 0;
    entries.forEach(function (entry, index) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/punkt/" + encodeURIComponent(entry.id.split("~")[0]);
      link.textContent = entry.label;
      item.appendChild(link);
      var buttons = document.createElement("span");
      buttons.className = "basket__buttons";
      [["up", "Upp", "Flytta upp"], ["down", "Ner", "Flytta ner"], ["remove", "Ta bort", "Ta bort"]].forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--small button--quiet";
        button.dataset.action = b[0];
        button.dataset.index = index;
        button.textContent = b[1];
        button.setAttribute("aria-label", b[2] + ": " + entry.label);
        button.disabled = (b[0] === "up" && index === 0) || (b[0] === "down" && index === entries.length - 1);
        buttons.appendChild(button);
      });
      item.appendChild(buttons);
      list.appendChild(item);
    });
    document.getElementById("export-md").href = exportUrl("md", entries);
    document.getElementById("export-docx").href = exportUrl("docx", entries);
  }

  function change(list, button) {
    var entries = load(), index = Number(button.dataset.index), action = button.dataset.action;
    var target = action === "up" ? index - 1 : action === "down" ? index + 1 : index;
    if (action === "remove") { entries.splice(index, 1); } else { entries.splice(target, 0, entries.splice(index, 1)[0]); }
    save(entries);
    renderBasket(list);
    var again = list.querySelector("[data-action=" + action + "][data-index='" + target + "']:not([disabled])") || list.querySelector("button");
    if (again) { again.focus(); }
  }

  document.querySelectorAll(".cite__actions, .basket-add").forEach(function (el) { el.hidden = false; });
  var ids = load().map(function (e) { return e.id; });
  document.querySelectorAll(".basket-add").forEach(function (button) {
    if (ids.indexOf(button.dataset.basketId) >= 0) { button.textContent = "I underlaget ✓"; button.setAttribute("aria-pressed", "true"); }
  });
  showCount();

  var list = document.getElementById("basket-list");
  if (list) {
    document.getElementById("basket-app").hidden = false;
    renderBasket(list);
    document.getElementById("basket-clear").addEventListener("click", function () { save([]); renderBasket(list); });
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) { return; }
    if (target.dataset.copyText) { copy(target); }
    else if (target.dataset.basketId) { add(target); }
    else if (list && target.dataset.action) { change(list, target); }
  });
})();
