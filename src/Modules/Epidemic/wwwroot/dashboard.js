// The dashboard's charts (Apache ECharts, served from this module's wwwroot/lib/echarts, installed by the build).
// show(model, dotnet) draws or updates the map of the unit's children coloured by risk, the categories pie and the
// states bar; a click on a child calls back DashboardView.Drill(code).

const colours = { low: '#43a047', medium: '#fb8c00', high: '#e53935' };
let loading = null;
let current = null; // { map, pie, bar, unit, dotnet }

function loadECharts() {
    if (window.echarts) {
        return Promise.resolve(window.echarts);
    }

    loading ??= new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = '_content/Yiwang.Epidemic/lib/echarts/echarts.min.js';
        s.onload = () => resolve(window.echarts);
        s.onerror = () => { loading = null; reject(new Error('echarts did not load')); };
        document.head.appendChild(s);
    });
    return loading;
}

function chart(echarts, id, theme) {
    const el = document.getElementById(id);
    if (!el) {
        return null;
    }

    const existing = echarts.getInstanceByDom(el);
    return existing ?? echarts.init(el, theme, { renderer: 'canvas' });
}

export async function show(model, dotnet) {
    const echarts = await loadECharts();
    const theme = model.wall ? 'dark' : null;
    const map = chart(echarts, 'dashboard-map', theme);
    const pie = chart(echarts, 'dashboard-categories', theme);
    const bar = chart(echarts, 'dashboard-states', theme);
    if (!map) {
        return;
    }

    const mapName = 'yiwang-' + model.unit;
    if (!echarts.getMap(mapName)) {
        const response = await fetch(model.mapUrl, { credentials: 'same-origin' });
        if (!response.ok) {
            return;
        }

        echarts.registerMap(mapName, await response.json());
    }

    const big = model.wall ? 18 : 11;
    const data = model.children.map(c => ({
        name: c.code,
        value: c.total,
        unitName: c.name,
        risk: c.risk,
        itemStyle: { areaColor: colours[c.risk] ?? colours.low, borderColor: model.wall ? '#0b1a2b' : '#fff', borderWidth: 1 },
    }));
    data.unshift({
        name: '__outline',
        itemStyle: { areaColor: 'rgba(0,0,0,0)', borderColor: model.wall ? '#90caf9' : '#0b5cad', borderWidth: 4 },
        label: { show: false },
        emphasis: { disabled: true },
        tooltip: { show: false },
    });
    map.setOption({
        backgroundColor: 'transparent',
        tooltip: {
            trigger: 'item',
            formatter: p => p.data && p.data.unitName ? `${p.data.unitName}<br/>${model.riskNames[p.data.risk] ?? ''} · ${p.data.value}` : '',
        },
        series: [{
            id: 'units',
            type: 'map',
            map: mapName,
            roam: false,
            selectedMode: false,
            animation: false,
            layoutCenter: ['50%', '50%'],
            layoutSize: '96%',
            // Names on the map while they fit (townships, one community); with 75 communities only on hover.
            label: { show: model.children.length <= 30, fontSize: big, color: model.wall ? '#fff' : '#1b2733', formatter: p => (p.data && p.data.unitName) || '' },
            emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffe082' } },
            data,
        }],
    }, { replaceMerge: ['series'] });

    if (current?.map !== map) {
        map.off('click');
        map.on('click', p => {
            if (current?.drill && p.name && p.name !== '__outline') {
                current.dotnet.invokeMethodAsync('Drill', p.name);
            }
        });
    }

    pie?.setOption({
        backgroundColor: 'transparent',
        tooltip: { trigger: 'item' },
        color: ['#e53935', '#fb8c00', '#8e24aa', '#00acc1'],
        series: [{ type: 'pie', radius: ['35%', '70%'], label: { fontSize: big }, data: model.categories, animation: false }],
    });
    const open = model.states.filter(s => !s.terminal);
    bar?.setOption({
        backgroundColor: 'transparent',
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 8, bottom: 8, top: 16, containLabel: true },
        xAxis: { type: 'category', data: open.map(s => s.name), axisLabel: { interval: 0, rotate: 30, fontSize: big - 1 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: open.map(s => s.value), itemStyle: { color: '#1e88e5' }, label: { show: true, position: 'top' }, animation: false }],
    });

    current = { map, pie, bar, unit: model.unit, dotnet, drill: model.drill };
    // Which unit the map shows, once drawn (tests and the wall's kiosk scripts wait for it).
    map.getDom().dataset.ready = model.unit;
    if (!window.__yiwangDashboardResize) {
        window.__yiwangDashboardResize = true;
        window.addEventListener('resize', () => { current?.map.resize(); current?.pie?.resize(); current?.bar?.resize(); });
    }
}

export function dispose() {
    if (current) {
        current.map.dispose();
        current.pie?.dispose();
        current.bar?.dispose();
        current = null;
    }
}
