/* udv's website: filters and search for the lists of initiatives and meetings.
   Everything works without this script: the lists are complete, and the pages per track,
   owner, unit and status are the filters. Replace with templates/site/site.js if needed. */
(function () {
  "use strict";

  function lower(text) {
    return (text || "").toLocaleLowerCase("da");
  }

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-filtre"));
    if (!list) {
      return;
    }
    var index = window.udvSoegning || {};
    var noun = form.getAttribute("data-navneord") || "";
    var count = document.getElementById(form.getAttribute("data-antal") || "");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-noegle]"));
    var texts = items.map(function (item) {
      var key = item.getAttribute("data-noegle");
      return lower(Object.prototype.hasOwnProperty.call(index, key) ? index[key] : item.textContent);
    });
    var selects = form.querySelectorAll("select");
    var search = form.querySelector("input[name=q]");
    var params = new URLSearchParams(window.location.search);
    each(form.elements, function (field) {
      if (field.name && params.has(field.name)) {
        field.value = params.get(field.name);
      }
    });

    function apply() {
      var words = lower(search ? search.value : "").split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, i) {
        var keep = true;
        each(selects, function (select) {
          var values = (item.getAttribute("data-" + select.name) || "").split(" ");
          if (select.value && values.indexOf(select.value) < 0) {
            keep = false;
          }
        });
        for (var w = 0; keep && w < words.length; w++) {
          keep = texts[i].indexOf(words[w]) >= 0;
        }
        item.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      each(list.querySelectorAll("[data-gruppe]"), function (group) {
        group.hidden = !group.querySelector("[data-noegle]:not([hidden])");
      });
      if (count) {
        count.textContent = shown === items.length
          ? items.length + " " + noun
          : "Viser " + shown + " af " + items.length + " " + noun;
      }
    }

    function remember() {
      var query = new URLSearchParams();
      each(form.elements, function (field) {
        if (field.name && field.value) {
          query.set(field.name, field.value);
        }
      });
      var text = query.toString();
      try {
        window.history.replaceState(null, "", text ? "?" + text : window.location.pathname);
      } catch (ignored) {
        // Some browsers refuse this on file:// pages; the filter works all the same.
      }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", function () { apply(); remember(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); remember(); });
    form.hidden = false;
    apply();
  }

  each(document.querySelectorAll("form[data-filtre]"), setUp);
  // Closed groups (<details>) are printed open.
  window.addEventListener("beforeprint", function () {
    each(document.querySelectorAll("details:not([open])"), function (details) {
      details.setAttribute("open", "");
      details.setAttribute("data-lukkes", "");
    });
  });
  window.addEventListener("afterprint", function () {
    each(document.querySelectorAll("details[data-lukkes]"), function (details) {
      details.removeAttribute("open");
      details.removeAttribute("data-lukkes");
    });
  });
  each(document.querySelectorAll("form[data-soegefelt]"), function (form) {
    form.hidden = false;
  });
})();
