// Mötesarkivet's only script: copy buttons for citations and links, the underlag basket (kept in localStorage),
// and opening folded parts of a page before it is printed. Every page but the basket works without it; it
// reveals the buttons it drives.
(function () {
  "use strict";
  var KEY = "motesarkivet.underlag", TITLE = KEY + ".rubrik", PREVIOUS = KEY + ".forra";

  // --- storage -------------------------------------------------------------------------------------
  function load(key) {
    try { return JSON.parse(localStorage.getItem(key || KEY)) || []; } catch (e) { return []; }
  }
  function save(entries) {
    localStorage.setItem(KEY, JSON.stringify(entries));
    showCount();
  }
  function title() { return localStorage.getItem(TITLE) || ""; }
  function showCount() {
    var count = load().length;
    document.querySelectorAll("[data-basket-count]").forEach(function (el) { el.textContent = count ? " (" + count + ")" : ""; });
  }

  // A basket as URL parameters: p per entry, n per entry when any has a note, t for the title.
  function query(entries, heading) {
    var parts = entries.map(function (e) { return "p=" + encodeURIComponent(e.id); });
    if (entries.some(function (e) { return e.note; })) {
      parts = parts.concat(entries.map(function (e) { return "n=" + encodeURIComponent(e.note || ""); }));
    }
    if (heading) { parts.push("t=" + encodeURIComponent(heading)); }
    return parts.join("&");
  }

  // --- copying -------------------------------------------------------------------------------------
  function say(near, message) {
    var status = near.closest("[data-status-scope], .cite__body, .share").querySelector("[role=status]");
    if (status) { status.textContent = message; }
  }

  function copy(button) {
    var source = button.dataset.copyFrom && document.getElementById(button.dataset.copyFrom);
    var text = source ? source.value : button.dataset.copyText, html = button.dataset.copyHtml;
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

  // --- adding to the basket ------------------------------------------------------------------------
  function markAdded(button) {
    button.firstChild.nodeValue = "I underlaget ✓";  // the hidden rest of its name (which item) stays
    button.setAttribute("aria-pressed", "true");
  }

  function add(button) {
    var entries = load(), id = button.dataset.basketId;
    if (!entries.some(function (e) { return e.id === id; })) {
      entries.push({ id: id, label: button.dataset.basketLabel, note: "" });
      save(entries);
    }
    markAdded(button);
  }

  // --- the user's own basket -----------------------------------------------------------------------
  function Basket(app) {
    this.list = document.getElementById("basket-list");
    this.status = document.getElementById("basket-status");
    this.undoButton = document.getElementById("basket-undo");
    this.titleField = document.getElementById("basket-title");
    this.undo = null;
    app.hidden = false;
    this.titleField.value = title();
    this.bind();
    this.render();
    var previous = load(PREVIOUS);
    if (previous.length) {  // a shared basket replaced this one on the page before
      localStorage.removeItem(PREVIOUS);
      this.offerUndo("Ditt tidigare underlag (" + previous.length + " poster) ersattes av det delade.", previous, false);
    }
  }

  Basket.prototype.render = function (then) {
    var entries = load(), self = this;
    document.getElementById("basket-empty").hidden = entries.length > 0;
    document.getElementById("basket-filled").hidden = entries.length === 0;
    this.links();
    if (!entries.length) { return; }
    this.list.setAttribute("aria-busy", "true");
    fetch("/underlag/poster?" + query(entries)).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      self.list.innerHTML = html;
      self.list.setAttribute("aria-busy", "false");
      if (then) { then(); }
    }, function () {
      self.list.setAttribute("aria-busy", "false");
      self.say("Underlaget kunde inte hämtas från arkivet. Ladda om sidan för att försöka igen.");
    });
  };

  Basket.prototype.links = function () {
    var entries = load(), heading = this.titleField.value.trim(), q = query(entries, heading);
    document.getElementById("export-docx").href = "/underlag.docx?" + q;
    document.getElementById("export-md").href = "/underlag.md?" + q;
    document.getElementById("share-url").value = location.origin + "/underlag?" + q;
  };

  Basket.prototype.say = function (message) {
    this.status.textContent = message;
    this.undoButton.hidden = true;
  };

  Basket.prototype.offerUndo = function (message, entries, focus) {
    this.undo = entries;
    this.status.textContent = message;
    this.undoButton.hidden = false;
    if (focus) { this.undoButton.focus(); }
  };

  Basket.prototype.saveOrder = function () {
    var byId = {};
    load().forEach(function (e) { byId[e.id] = e; });
    save(Array.prototype.map.call(this.list.children, function (li) { return byId[li.dataset.key]; }).filter(Boolean));
    this.links();
  };

  Basket.prototype.updateButtons = function () {
    var items = this.list.children;
    Array.prototype.forEach.call(items, function (li, index) {
      li.querySelector("[data-action=up]").disabled = index === 0;
      li.querySelector("[data-action=down]").disabled = index === items.length - 1;
    });
  };

  Basket.prototype.heading = function (li) {
    return li.querySelector(".basket__heading").textContent.trim();
  };

  Basket.prototype.move = function (li, action) {
    var sibling = action === "up" ? li.previousElementSibling : li.nextElementSibling;
    if (!sibling) { return; }
    this.list.insertBefore(li, action === "up" ? sibling : sibling.nextElementSibling);
    this.updateButtons();
    this.saveOrder();
    var same = li.querySelector("[data-action=" + action + "]");
    (same.disabled ? li.querySelector("[data-action=" + (action === "up" ? "down" : "up") + "]") : same).focus();
    var place = Array.prototype.indexOf.call(this.list.children, li) + 1;
    this.say("”" + this.heading(li) + "” är nu plats " + place + " av " + this.list.children.length + ".");
  };

  Basket.prototype.remove = function (li) {
    var before = load();
    li.remove();
    this.saveOrder();
    if (!this.list.children.length) { this.render(); } else { this.updateButtons(); }
    this.offerUndo("”" + this.heading(li) + "” togs bort.", before, true);
  };

  Basket.prototype.clear = function () {
    var before = load();
    save([]);
    this.render();
    this.offerUndo("Underlaget är tömt.", before, true);
  };

  Basket.prototype.restore = function () {
    var self = this;
    save(this.undo || []);
    this.undo = null;
    this.render(function () {
      var first = self.list.querySelector("button:not([disabled])");
      if (first) { first.focus(); }
    });
    this.say("Ångrat.");
  };

  Basket.prototype.note = function (field) {
    var key = field.closest("li").dataset.key;
    save(load().map(function (e) { return e.id === key ? Object.assign({}, e, { note: field.value }) : e; }));
    this.links();
  };

  Basket.prototype.bind = function () {
    var self = this;
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) { return; }
      var li = button.closest("li");
      if (button.dataset.action === "remove") { self.remove(li); } else { self.move(li, button.dataset.action); }
    });
    this.list.addEventListener("input", function (event) {
      if (event.target.matches("[data-note]")) { self.note(event.target); }
    });
    this.titleField.addEventListener("input", function () {
      localStorage.setItem(TITLE, self.titleField.value);
      self.links();
    });
    document.getElementById("basket-clear").addEventListener("click", function () { self.clear(); });
    this.undoButton.addEventListener("click", function () { self.restore(); });
  };

  // --- a shared basket -----------------------------------------------------------------------------
  function sharedEntries(list) {
    return Array.prototype.map.call(list.children, function (li) {
      return { id: li.dataset.key, label: li.querySelector(".basket__heading").textContent.trim(), note: li.dataset.note || "" };
    });
  }

  function offerImport(box, list) {
    var own = load();
    box.hidden = false;
    if (own.length) {
      box.querySelector("[data-import=replace]").textContent = "Ersätt mitt underlag med det här";
      var note = box.querySelector("[data-own-basket]");
      note.textContent = "Ditt eget underlag har " + own.length +
        (own.length === 1 ? " post" : " poster") + ". Ersätter du det kan du ångra på underlagssidan.";
      note.hidden = false;
    }
    box.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-import]");
      if (!button) { return; }
      var shared = sharedEntries(list), heading = new URLSearchParams(location.search).get("t") || "";
      if (button.dataset.import === "replace") {
        if (own.length) { localStorage.setItem(PREVIOUS, JSON.stringify(own)); }
        save(shared);
        localStorage.setItem(TITLE, heading);
      } else {
        var ids = own.map(function (e) { return e.id; });
        save(own.concat(shared.filter(function (e) { return ids.indexOf(e.id) < 0; })));
      }
      location.href = "/underlag";
    });
  }

  // --- printing: folded parts open on paper, then close again ---------------------------------------
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details[data-print-open]:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // --- start ---------------------------------------------------------------------------------------
  document.querySelectorAll(".cite__actions, .basket-add").forEach(function (el) { el.hidden = false; });
  var ids = load().map(function (e) { return e.id; });
  document.querySelectorAll(".basket-add").forEach(function (button) {
    if (ids.indexOf(button.dataset.basketId) >= 0) { markAdded(button); }
  });
  showCount();

  var app = document.getElementById("basket-app");
  if (app) { new Basket(app); }
  var importBox = document.querySelector(".basket-import"), sharedList = document.querySelector("[data-shared-list]");
  if (importBox && sharedList) { offerImport(importBox, sharedList); }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) { return; }
    if (target.dataset.copyText || target.dataset.copyFrom) { copy(target); }
    else if (target.dataset.basketId) { add(target); }
  });
})();
